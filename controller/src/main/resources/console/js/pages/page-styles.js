// Pages with styles of their own (css/pages/<name>.css) link them here the first time they are shown: the shell's
// console.css stays the one stylesheet every page needs, and a page's rules load only with its module.
const linked = new Set();

export function usePageStyles(name) {
  if (linked.has(name)) {
    return;
  }
  linked.add(name);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `/css/pages/${name}.css`;
  document.head.append(link);
}
