// The pages' small behaviours, declared by data attributes: the Content-Security-Policy refuses inline event handlers.
(function () {
    document.addEventListener('click', function (e) {
        var open = e.target.closest('[data-open-dialog]');
        if (open) document.getElementById(open.getAttribute('data-open-dialog')).showModal();
        var close = e.target.closest('[data-close-dialog]');
        if (close) close.closest('dialog').close();
    });
    document.addEventListener('change', function (e) {
        if (e.target.matches('[data-autosubmit]')) e.target.form.submit();
    });
    document.addEventListener('submit', function (e) {
        var message = e.target.getAttribute('data-confirm');
        if (message && !window.confirm(message)) e.preventDefault();
    });
})();
