// The "Cite this chapter" box (mongolia_report/site/citebox.py):
// - fills each access date with the day the reader opens the page, in the format its style uses
//   (APA and Chicago: November 28, 2026; MLA: 28 Nov. 2026; BibTeX: 2026-11-28; RIS: 2026/11/28;
//   the Mongolian citation: 2026 оны арван нэгдүгээр сарын 28);
//   without script the blank "[date accessed]" stays;
// - makes each Copy button copy its citation as shown, and each .bib or .ris download carry the
//   entry as shown (with today's access date; without script the file has none).
(function () {
  const MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
  function formatted(date, format, span) {
    const y = date.getFullYear(), m = date.getMonth(), d = date.getDate();
    const pad = (n) => String(n).padStart(2, "0");
    if (format === "iso") return `${y}-${pad(m + 1)}-${pad(d)}`;
    if (format === "ris") return `${y}/${pad(m + 1)}/${pad(d)}`;
    if (format === "modern-language-association") return `${d} ${MLA_MONTHS[m]} ${y}`;
    // Mongolian, as Babel's long date writes the page's dates: "2026 оны арван хоёрдугаар сарын 7".
    if (format === "mn") return `${y} оны ${JSON.parse(span.dataset.months)[m]}ын ${d}`;
    return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  }
  function text(id) {
    const element = document.getElementById(id);
    return element ? element.textContent.replace(/\s+\n/g, "\n").trim() : "";
  }
  function copy(value) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(value);
    const area = document.createElement("textarea");  // pages opened from a file: the older way
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function fill() {
    const today = new Date();
    document.querySelectorAll(".mnr-accessed").forEach((span) => {
      span.textContent = formatted(today, span.dataset.format, span);
    });
    document.querySelectorAll("a.mnr-cite-file").forEach((link) => {
      const blob = new Blob([text(link.dataset.target) + "\n"], { type: "text/plain;charset=utf-8" });
      link.href = URL.createObjectURL(blob);
    });
    document.querySelectorAll("button.mnr-copy").forEach((button) => {
      button.addEventListener("click", () => {
        const label = button.textContent;
        copy(text(button.dataset.target))
          .then(() => { button.textContent = "Copied"; })
          .catch(() => { button.textContent = "Select and copy the text"; })
          .finally(() => setTimeout(() => { button.textContent = label; }, 2000));
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
