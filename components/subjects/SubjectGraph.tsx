'use client';

// The subject's graph (pods -> subject -> bindings -> roles) with local view state.
import { useMemo, useState } from 'react';
import type { Graph } from '@/lib/engine/graph';
import type { RiskLevel } from '@/lib/service/findings';
import { DetailsPanel } from '../details/DetailsPanel';
import { GraphPanel } from '../graph/GraphPanel';
import type { LayoutName } from '../graph/cy/layouts';

export function SubjectGraph({ graph, name, risk }: { graph: Graph; name: string; risk?: Record<string, RiskLevel> }) {
  const [layout, setLayout] = useState<LayoutName>('dagre');
  const [compound, setCompound] = useState(true);
  const [selected, setSelected] = useState<string | null>(null);
  const node = useMemo(() => graph.nodes.find((n) => n.id === selected), [graph, selected]);
  return (
    <GraphPanel
      graph={graph}
      layout={layout}
      onLayoutChange={setLayout}
      compound={compound}
      onCompoundChange={setCompound}
      selected={node ? selected : null}
      onSelect={setSelected}
      exportName={`rbac-atlas-subject-${name}`}
      risk={risk}
      label={`Graph of the bindings of ${name}`}
      overlay={node ? <DetailsPanel graph={graph} node={node} onSelect={setSelected} /> : null}
    />
  );
}
