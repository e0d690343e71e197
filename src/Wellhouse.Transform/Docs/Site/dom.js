// Builds DOM elements: el("a", {href, class, text}, ...children). Children are nodes or strings (appended as text,
// never parsed as HTML); arrays are flattened and null/undefined skipped.
function el(tag, attributes, ...kids) {
  const element = document.createElement(tag);
  for (const key in attributes || {}) {
    if (key === "class") element.className = attributes[key];
    else if (key === "text") element.textContent = attributes[key];
    else element.setAttribute(key, attributes[key]);
  }
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined) element.append(kid);
  return element;
}
