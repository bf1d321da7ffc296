// Fills each "Cite this chapter" access date with the day the reader opens the page,
// in the format its style uses (APA and Chicago: November 28, 2026; MLA: 28 Nov. 2026;
// BibTeX: 2026-11-28; RIS: 2026/11/28). Without script the blank "[date accessed]" stays.
(function () {
  const MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
  function formatted(date, format) {
    const y = date.getFullYear(), m = date.getMonth(), d = date.getDate();
    const pad = (n) => String(n).padStart(2, "0");
    if (format === "iso") return `${y}-${pad(m + 1)}-${pad(d)}`;
    if (format === "ris") return `${y}/${pad(m + 1)}/${pad(d)}`;
    if (format === "modern-language-association") return `${d} ${MLA_MONTHS[m]} ${y}`;
    return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  }
  function fill() {
    const today = new Date();
    document.querySelectorAll(".mnr-accessed").forEach((span) => {
      span.textContent = formatted(today, span.dataset.format);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
