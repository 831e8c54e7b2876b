import { Type, type Static } from 'typebox';

/** What every CSV import answers: counts, and the first rejected rows with line, column and reason. */
export const ImportSummary = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  processed: Type.Integer(),
  imported: Type.Integer(),
  updated: Type.Integer(),
  rejected: Type.Integer(),
  rejections: Type.Array(Type.Object({ line: Type.Integer(), column: Type.Union([Type.String(), Type.Null()]), reason: Type.String() })),
  rejectionsTruncated: Type.Boolean(),
});
export type ImportSummary = Static<typeof ImportSummary>;
