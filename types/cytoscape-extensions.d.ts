// cytoscape-fcose and cytoscape-svg ship no type declarations; both are Cytoscape extensions
// (a function that registers itself with cytoscape.use).
declare module 'cytoscape-fcose' {
  const ext: cytoscape.Ext;
  export default ext;
}

declare module 'cytoscape-svg' {
  const ext: cytoscape.Ext;
  export default ext;
}
