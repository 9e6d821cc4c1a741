import '@xyflow/react/dist/style.css';
import { Background, type Connection, Controls, type Edge, MarkerType, MiniMap, type OnSelectionChangeParams, ReactFlow, useNodesState } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chain, ChainEdge } from '../../../shared/schemas/decision-chain';
import { SUPPORT_COLORS } from './chainLabels';
import { type PersonFlowNode, PersonNode } from './PersonNode';

const NODE_TYPES = { person: PersonNode };

interface Props {
  chain: Chain;
  editable: boolean;
  onMove(id: string, x: number, y: number): void;
  onConnect(from: string, to: string): void;
  onOpenPerson(id: string): void;
  /** Delete pressed with a person or a line selected; the page asks for confirmation. */
  onDeleteRequest(target: { kind: 'node' | 'edge'; id: string }): void;
}

function edgeStyle(e: ChainEdge, label: string | undefined): Edge {
  const color = e.kind === 'reporting' ? '#595959' : e.hidden ? '#cf1322' : '#722ed1';
  return {
    id: e.id,
    source: e.from,
    target: e.to,
    type: e.kind === 'reporting' ? 'smoothstep' : 'default',
    label,
    animated: e.hidden,
    style: { stroke: color, strokeWidth: 2, ...(e.kind === 'influence' && { strokeDasharray: '6 4' }) },
    markerEnd: { type: MarkerType.ArrowClosed, color },
    data: { kind: e.kind, hidden: e.hidden },
  };
}

/** The decision chain as a graph: drag people, draw lines from the bottom handle of one to the top of another. */
export function ChainGraph({ chain, editable, onMove, onConnect, onOpenPerson, onDeleteRequest }: Props) {
  const { t } = useTranslation();
  const departments = useMemo(() => new Map(chain.departments.map((d) => [d.id, d.name])), [chain.departments]);
  const fromChain = useCallback(
    (): PersonFlowNode[] =>
      chain.nodes.map((p) => ({
        id: p.id,
        type: 'person',
        position: { x: p.x, y: p.y },
        data: { person: p, department: p.departmentId ? (departments.get(p.departmentId) ?? null) : null },
      })),
    [chain.nodes, departments],
  );
  const [nodes, setNodes, onNodesChange] = useNodesState<PersonFlowNode>(fromChain());
  // The server's chain is the truth: a save, a reload or another tab's change redraws the graph.
  useEffect(() => setNodes(fromChain()), [fromChain, setNodes]);
  const edges = useMemo(
    () =>
      chain.edges.map((e) =>
        edgeStyle(e, e.hidden ? t('decisionChain.edge.hidden') : e.note || (e.kind === 'influence' ? t('decisionChain.edge.influence') : undefined)),
      ),
    [chain.edges, t],
  );

  // React Flow's screen-reader texts, in the user's language.
  const ariaLabels = useMemo(
    () => ({
      'node.a11yDescription.default': t('decisionChain.a11y.node'),
      'node.a11yDescription.keyboardDisabled': t('decisionChain.a11y.node'),
      'node.a11yDescription.ariaLiveMessage': ({ x, y }: { direction: string; x: number; y: number }) => t('decisionChain.a11y.moved', { x, y }),
      'edge.a11yDescription.default': t('decisionChain.a11y.edge'),
      'controls.ariaLabel': t('decisionChain.a11y.controls'),
      'controls.zoomIn.ariaLabel': t('decisionChain.a11y.zoomIn'),
      'controls.zoomOut.ariaLabel': t('decisionChain.a11y.zoomOut'),
      'controls.fitView.ariaLabel': t('decisionChain.a11y.fitView'),
      'controls.interactive.ariaLabel': t('decisionChain.a11y.interactive'),
      'minimap.ariaLabel': t('decisionChain.a11y.minimap'),
      'handle.ariaLabel': t('decisionChain.a11y.handle'),
    }),
    [t],
  );

  const selection = useRef<OnSelectionChangeParams>({ nodes: [], edges: [] });
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!editable || (event.key !== 'Delete' && event.key !== 'Backspace')) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, [contenteditable="true"]')) return;
    const edge = selection.current.edges[0];
    const node = selection.current.nodes[0];
    if (edge) onDeleteRequest({ kind: 'edge', id: edge.id });
    else if (node) onDeleteRequest({ kind: 'node', id: node.id });
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keyboard shortcut is for the graph's focusable nodes and edges inside.
    <div
      data-testid="chain-graph"
      onKeyDown={onKeyDown}
      style={{ height: 'calc(100vh - 260px)', minHeight: 480, border: '1px solid #f0f0f0', borderRadius: 8 }}
    >
      <ReactFlow<PersonFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onNodeDragStop={(_, node) => onMove(node.id, Math.round(node.position.x), Math.round(node.position.y))}
        onConnect={(c: Connection) => c.source && c.target && c.source !== c.target && onConnect(c.source, c.target)}
        onNodeClick={(_, node) => onOpenPerson(node.id)}
        onSelectionChange={(s) => {
          selection.current = s;
        }}
        nodesDraggable={editable}
        nodesConnectable={editable}
        edgesFocusable
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={ariaLabels}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={(n) => SUPPORT_COLORS[(n as PersonFlowNode).data.person.support].border} />
      </ReactFlow>
    </div>
  );
}
