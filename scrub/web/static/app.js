// scrub's local page, a little help on top of plain forms (everything works without it):
// drop files on the box to check them at once, a file too big is said before it is sent,
// and a "wait" message while scrub checks or cleans. Nothing here talks to the network
// except this page's own server.
(function () {
  "use strict";
  var form = document.getElementById("subir");
  var input = document.getElementById("archivo");
  var wait = document.getElementById("espera");

  function tooBig(files) {
    var max = form ? Number(form.getAttribute("data-max")) : 0;
    var total = 0;
    for (var i = 0; i < files.length; i++) total += files[i].size;
    return max && total > max;
  }

  function showWait() {
    if (wait) wait.hidden = false;
  }

  function sendFiles(files) {
    var notice = document.getElementById("aviso-subida");
    if (tooBig(files)) {
      notice.textContent = form.getAttribute("data-too-big");
      notice.hidden = false;
      input.value = "";
      return;
    }
    notice.hidden = true;
    showWait();
    form.submit();
  }

  if (form && input) {
    var drop = form.querySelector(".drop");
    input.addEventListener("change", function () {
      if (input.files.length) sendFiles(input.files);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        sendFiles(input.files);
      }
    });
    form.addEventListener("submit", function (e) {
      if (input.files.length && tooBig(input.files)) { e.preventDefault(); sendFiles(input.files); }
    });
  }

  document.querySelectorAll("form").forEach(function (f) {
    f.addEventListener("submit", function () {
      if (f.querySelector(".espera")) showWait();
    });
  });
})();
