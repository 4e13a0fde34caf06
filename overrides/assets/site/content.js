/* Material for MkDocs' content script, moved out of an inline <script> (CSP): when the URL's
   fragment names a content tab's radio button, select that tab. */
(function () {
  "use strict";
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) {
    target.checked = target.name.indexOf("__tabbed_") === 0;
  }
})();
