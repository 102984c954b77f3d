// The reader's own clock beside each moment of a staff page. Moments are written in UTC and say so
// (core/templatetags/moments.py: <time datetime="…" data-moment>2026-12-07 17:00 UTC</time>), because staff work in
// many time zones; a colleague whose clock is not UTC at that moment also sees it in their own time, written by the
// browser in the page's language and digits (<html lang data-numbering>): "2026-12-07 17:00 UTC (Dec 7, 09:00 PST)".
// Without JavaScript, or for a reader on UTC, the UTC time stands alone. Nothing is sent anywhere.
(function () {
  "use strict";

  function readerTimes() {
    var moments = document.querySelectorAll("time[data-moment]");
    if (!moments.length || !window.Intl || !Intl.DateTimeFormat) {
      return;
    }
    var root = document.documentElement;
    var format;
    try {
      format = new Intl.DateTimeFormat(root.lang || undefined, {
        month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
        // The site's dates are Gregorian in every language (Persian's own default would be the solar calendar).
        calendar: "gregory", numberingSystem: root.getAttribute("data-numbering") || "latn"
      });
    } catch (error) {
      return; // a browser without these options: the UTC times are enough
    }
    Array.prototype.forEach.call(moments, function (moment) {
      var at = new Date(moment.getAttribute("datetime"));
      var next = moment.nextElementSibling;
      if (isNaN(at.getTime()) || at.getTimezoneOffset() === 0 || (next && next.hasAttribute("data-reader-time"))) {
        return;
      }
      // <bdi>: the reader's time keeps its own direction inside a sentence of the other one (Arabic around English).
      var own = document.createElement("bdi");
      own.className = "reader-time";
      own.setAttribute("data-reader-time", "");
      // In parentheses of its own; some languages' patterns put the zone in parentheses already (Persian).
      own.textContent = "(" + format.format(at).replace(/[()]/g, "").replace(/\s+/g, " ").trim() + ")";
      moment.after(" ", own);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", readerTimes);
  } else {
    readerTimes();
  }
})();
