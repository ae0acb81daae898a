// Lists the stored articles. Article text is only ever set with textContent, never as HTML.
async function load() {
  const status = document.getElementById("status");
  const rows = document.getElementById("rows");
  try {
    const response = await fetch("/api/articles?limit=500");
    const page = await response.json();
    for (const item of page.items) {
      const tr = document.createElement("tr");
      const link = document.createElement("a");
      link.href = "/api/articles/" + encodeURIComponent(item.id);
      link.textContent = item.title || item.id;
      const published = (item.published || "unknown") + (item.published_inferred ? " (inferred)" : "");
      for (const cell of [published, link, item.source || ""]) {
        const td = document.createElement("td");
        if (typeof cell === "string") td.textContent = cell; else td.appendChild(cell);
        tr.appendChild(td);
      }
      rows.appendChild(tr);
    }
    status.textContent = page.total + " articles";
  } catch (err) {
    status.textContent = "Could not load articles: " + err;
  }
}
load();
