import { Alert, Button, Card, Col, Empty, Input, List, Row, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useCallback, useEffect, useState, type Key } from 'react';
import { api } from '../../api/client';
import type { Jurisdiction } from '../../api/types';
import { LevelTag } from '../../common/JurisdictionTag';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { JurisdictionPanel } from './JurisdictionPanel';

interface Node extends TreeDataNode {
  key: string;
  data: Jurisdiction;
  children?: Node[];
}

function toNode(j: Jurisdiction): Node {
  return {
    key: j.id,
    data: j,
    isLeaf: !j.hasChildren,
    title: (
      <span data-testid={`jur-node-${j.code}`}>
        <LevelTag level={j.level} />
        {j.name}
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {j.code}
        </Typography.Text>
      </span>
    ),
  };
}

function withChildren(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) => {
    if (n.key === key) return { ...n, children };
    if (n.children) return { ...n, children: withChildren(n.children, key, children) };
    return n;
  });
}

export default function JurisdictionsPage() {
  const { t } = useI18n();
  const { show, describe } = useApiError();
  const [tree, setTree] = useState<Node[]>([]);
  const [rootError, setRootError] = useState<string | null>(null);
  const [loadingRoot, setLoadingRoot] = useState(true);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Jurisdiction[] | null>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    api
      .get<{ items: Jurisdiction[] }>('/api/jurisdictions')
      .then((r) => {
        const nodes = r.items.map(toNode);
        setTree(nodes);
        if (nodes[0]) {
          setSelectedId(nodes[0].key);
          if (!nodes[0].isLeaf) setExpanded([nodes[0].key]);
        }
      })
      .catch((e) => setRootError(describe(e)))
      .finally(() => setLoadingRoot(false));
  }, [describe]);

  const loadData = useCallback(
    async (node: Node) => {
      if (node.children) return;
      try {
        const r = await api.get<{ items: Jurisdiction[] }>('/api/jurisdictions', { parentId: node.key, limit: 500 });
        setTree((prev) => withChildren(prev, node.key, r.items.map(toNode)));
      } catch (e) {
        show(e);
      }
    },
    [show],
  );

  const search = async (q: string) => {
    setQuery(q);
    if (!q.trim()) {
      setResults(null);
      return;
    }
    setSearching(true);
    try {
      const r = await api.get<{ items: Jurisdiction[] }>('/api/jurisdictions', { q: q.trim(), limit: 50 });
      setResults(r.items);
    } catch (e) {
      show(e);
    } finally {
      setSearching(false);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={11} xl={9}>
        <Card size="small" title={t('jur.title')} styles={{ body: { padding: 12 } }}>
          <Input.Search
            allowClear
            placeholder={t('jur.searchPlaceholder')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              if (!e.target.value) setResults(null);
            }}
            onSearch={search}
            loading={searching}
            data-testid="jur-search"
            style={{ marginBottom: 12 }}
          />
          {rootError && <Alert type="error" showIcon title={rootError} />}
          {results ? (
            <>
              <Typography.Text type="secondary">{t('jur.searchResults')}</Typography.Text>
              <Button type="link" size="small" onClick={() => search('')}>
                {t('jur.clearSearch')}
              </Button>
              <List<Jurisdiction>
                size="small"
                data-testid="jur-search-results"
                dataSource={results}
                locale={{ emptyText: t('jur.noResults') }}
                renderItem={(j) => (
                  <List.Item
                    style={{ cursor: 'pointer', background: j.id === selectedId ? '#e6f4ff' : undefined }}
                    onClick={() => setSelectedId(j.id)}
                  >
                    <span>
                      <LevelTag level={j.level} />
                      {j.name}
                    </span>
                    <Typography.Text type="secondary">{j.code}</Typography.Text>
                  </List.Item>
                )}
              />
            </>
          ) : loadingRoot ? (
            <Spin />
          ) : (
            <div style={{ maxHeight: 'calc(100vh - 220px)', overflow: 'auto' }} data-testid="jur-tree">
              <Tree<Node>
                showLine
                blockNode
                treeData={tree}
                loadData={loadData}
                expandedKeys={expanded}
                onExpand={setExpanded}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => keys[0] !== undefined && setSelectedId(String(keys[0]))}
              />
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} md={13} xl={15}>
        {selectedId ? (
          <JurisdictionPanel id={selectedId} />
        ) : (
          <Card size="small">
            <Empty description={t('jur.selectHint')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
