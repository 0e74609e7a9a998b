// The conflict list upload: read the chosen CSV file into the form's text field, so the upload
// is an ordinary form post (same CSRF and size checks as every other form).
(function () {
  "use strict";
  var file = document.getElementById("conflict-file");
  var text = document.getElementById("conflict-csv");
  if (!file || !text || !window.FileReader) { return; }
  file.addEventListener("change", function () {
    if (!file.files || !file.files[0]) { return; }
    var reader = new FileReader();
    reader.onload = function () { text.value = String(reader.result || ""); };
    reader.readAsText(file.files[0]);
  });
}());
