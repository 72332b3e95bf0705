// Wagtail's tag field (jQuery tag-it) hides the labelled input and has people type into
// one it creates without a label. Name that one after the field's own label.
(function () {
    function labelTagInputs() {
        document.querySelectorAll("input[data-controller~='w-tag']").forEach(function (field) {
            var label = document.querySelector("label[for='" + field.id + "']");
            var typed = field.parentElement.querySelector(".tagit-new input");
            if (!label || !typed || typed.hasAttribute("aria-labelledby")) {
                return;
            }
            label.id = label.id || field.id + "-label";
            typed.setAttribute("aria-labelledby", label.id);
        });
    }
    new MutationObserver(labelTagInputs).observe(document.documentElement, {
        childList: true,
        subtree: true,
    });
})();
