import cytoscape, { type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { palette } from './palette';

export type GraphNode = { id: string; label: string; kind: 'claim' | 'source' | 'origin'; href?: string };
export type GraphEdge = { source: string; target: string; label: string };

const style: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': '180px',
      'text-valign': 'bottom',
      'text-margin-y': 6,
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1f2937',
      'background-color': palette.accent,
      width: 18,
      height: 18,
    },
  },
  {
    selector: 'node[kind = "claim"]',
    style: { shape: 'round-rectangle', 'background-color': '#374151', 'text-valign': 'top', 'text-margin-y': -6 },
  },
  {
    selector: 'node[kind = "origin"]',
    style: { shape: 'star', 'background-color': palette.abstention, width: 26, height: 26 },
  },
  {
    selector: 'edge',
    style: {
      label: 'data(label)',
      'text-rotation': 'autorotate',
      'font-size': 10,
      color: palette.muted,
      'text-background-color': '#fff',
      'text-background-opacity': 1,
      width: 1.5,
      'line-color': '#9ca3af',
      'target-arrow-color': '#9ca3af',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
    },
  },
];

/**
 * A directed graph drawn with Cytoscape.js, laid out in levels from `root` (deterministic: the same
 * data draws the same picture). A click on a node opens its page. Like the charts, it is a picture of
 * what the page also lists as text.
 */
export function Graph({
  nodes,
  edges,
  root,
  label,
  height = 420,
}: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  root: string;
  label: string;
  height?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const { route } = useLocation();
  useEffect(() => {
    if (!container.current) return undefined;
    const elements: ElementDefinition[] = [
      ...nodes.map((node) => ({ data: { ...node } })),
      ...edges.map((edge, index) => ({ data: { id: `e${index}`, ...edge } })),
    ];
    const graph = cytoscape({
      container: container.current,
      elements,
      style,
      layout: { name: 'breadthfirst', directed: true, roots: [root], spacingFactor: 1.25, padding: 32 },
      userZoomingEnabled: false,
      userPanningEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    graph.on('tap', 'node[href]', (event) => route((event.target as cytoscape.NodeSingular).data('href') as string));
    // Cytoscape draws on a canvas, so the pointer is set on the container.
    graph.on('mouseover', 'node[href]', () => container.current?.style.setProperty('cursor', 'pointer'));
    graph.on('mouseout', 'node', () => container.current?.style.removeProperty('cursor'));
    return () => graph.destroy();
  }, [nodes, edges, root, route]);
  return <div ref={container} class="graph" role="img" aria-label={label} style={{ height: `${height}px` }} />;
}
