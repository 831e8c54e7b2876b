import { ApiError, errorFromBody, getCsrfToken, notifyUnauthenticated } from '../../api/client';
import type { ImportSummary } from '../../api/types';

export interface UploadHandle {
  promise: Promise<ImportSummary>;
  abort: () => void;
}

/**
 * Streams a CSV file to an import endpoint (POST `path`, e.g. /api/people/import) with
 * XMLHttpRequest, because only XHR reports upload progress. The server consumes the body as it
 * parses, so bytes sent track real work. `onUploaded` fires when the last byte has left; the
 * summary arrives when the server finishes.
 */
export function uploadCsv(
  path: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
  onUploaded: () => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ImportSummary>((resolve, reject) => {
    xhr.open('POST', `${path}?fileName=${encodeURIComponent(file.name)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => onUploaded();
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportSummary);
        } catch {
          reject(new ApiError(xhr.status, 'BAD_RESPONSE', 'Unreadable response from the server'));
        }
        return;
      }
      if (xhr.status === 401) notifyUnauthenticated();
      reject(errorFromBody(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
