// Area picker: a tree select that loads children lazily from GET /areas/{code}, rooted at the user's scope.
import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchArea } from './queries.ts';
import type { AreaRef } from './types.ts';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

/** Levels as the server numbers them (1 province … 5 village). */
const LEVEL_DEPTH = { province: 1, city: 2, county: 3, township: 4, village: 5 } as const;

export function isLeafArea(area: AreaRef): boolean {
  return area.hasChildren === false || area.level >= LEVEL_DEPTH.village;
}

interface Props {
  rootCode: string;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  year?: number;
  /** Deepest level offered (default: all). */
  maxLevel?: keyof typeof LEVEL_DEPTH;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

export function AreaSelect({
  rootCode,
  value,
  onChange,
  year,
  maxLevel,
  allowClear,
  placeholder,
  style,
  ...rest
}: Props) {
  const client = useQueryClient();
  const [nodes, setNodes] = useState<Map<string, Node>>(new Map());
  const [loaded, setLoaded] = useState<Set<string>>(new Set());
  const maxDepth = maxLevel ? LEVEL_DEPTH[maxLevel] : 99;

  const load = useCallback(
    (code: string) =>
      client.fetchQuery({
        queryKey: ['area', code, year],
        queryFn: () => fetchArea(code, year),
        staleTime: 5 * 60_000,
      }),
    [client, year],
  );

  const addChildren = useCallback(
    (parent: string, children: AreaRef[]) => {
      setNodes((prev) => {
        const next = new Map(prev);
        for (const child of children) {
          next.set(child.code, {
            id: child.code,
            pId: parent,
            value: child.code,
            title: child.name,
            isLeaf: isLeafArea(child) || child.level >= maxDepth,
          });
        }
        return next;
      });
      setLoaded((prev) => new Set(prev).add(parent));
    },
    [maxDepth],
  );

  // The root and its children, again whenever the root or the year changes.
  useEffect(() => {
    let cancelled = false;
    load(rootCode)
      .then((root) => {
        if (cancelled) return;
        setNodes(
          new Map([
            [root.code, { id: root.code, pId: null, value: root.code, title: root.name, isLeaf: isLeafArea(root) }],
          ]),
        );
        setLoaded(new Set());
        addChildren(root.code, root.children);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [rootCode, load, addChildren]);

  // The chain down to the selected value, so its name shows even when it lies deeper than what is loaded.
  const missing = !!value && nodes.size > 0 && !nodes.has(value);
  useEffect(() => {
    if (!missing || !value) return;
    let cancelled = false;
    (async () => {
      const selected = await load(value);
      const chain = selected.ancestors.map((a) => a.code);
      const start = chain.indexOf(rootCode);
      if (start < 0) return;
      for (const code of chain.slice(start + 1)) {
        const area = await load(code);
        if (cancelled) return;
        addChildren(code, area.children);
      }
    })().catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [missing, value, rootCode, load, addChildren]);

  const treeData = useMemo(() => [...nodes.values()], [nodes]);

  return (
    <TreeSelect
      {...rest}
      style={style}
      treeDataSimpleMode
      treeData={treeData}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v as string | undefined)}
      loadData={async (node) => {
        const code = String(node.value);
        if (loaded.has(code)) return;
        const area = await load(code);
        addChildren(code, area.children);
      }}
      treeLoadedKeys={[...loaded]}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
    />
  );
}
