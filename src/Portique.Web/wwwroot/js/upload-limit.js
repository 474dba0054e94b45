// Files over the portal's size limit are refused before they are sent: the message (data-too-large) appears next to
// the field, which the browser's own validation then keeps from being submitted.
(function () {
    document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
        var max = Number(input.dataset.maxBytes);
        var message = document.createElement('span');
        message.className = 'field-error';
        message.id = input.id + '-size-error';
        message.hidden = true;
        input.insertAdjacentElement('afterend', message);
        input.addEventListener('change', function () {
            var tooLarge = Array.prototype.some.call(input.files, function (f) { return f.size > max; });
            input.setCustomValidity(tooLarge ? input.dataset.tooLarge : '');
            message.textContent = tooLarge ? input.dataset.tooLarge : '';
            message.hidden = !tooLarge;
            var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== message.id; });
            if (tooLarge) described.push(message.id);
            if (described.length) input.setAttribute('aria-describedby', described.join(' ')); else input.removeAttribute('aria-describedby');
            if (tooLarge) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
        });
        // Also where the form leaves validation to the server (novalidate): an oversized file is never sent.
        if (input.form) input.form.addEventListener('submit', function (e) {
            if (input.getAttribute('aria-invalid') === 'true' && !message.hidden) { e.preventDefault(); input.focus(); }
        });
    });
})();
