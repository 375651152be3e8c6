/* Copy buttons: each copies the snippet in its own card. */
(function () {
    'use strict';

    document.addEventListener('DOMContentLoaded', () => {
        for (const button of document.querySelectorAll('button.copy')) {
            button.addEventListener('click', async () => {
                const code = button.closest('.card').querySelector('pre code').textContent;
                try {
                    await navigator.clipboard.writeText(code);
                    button.textContent = 'Copied';
                } catch (e) {
                    const range = document.createRange();
                    range.selectNodeContents(button.closest('.card').querySelector('pre'));
                    getSelection().removeAllRanges();
                    getSelection().addRange(range);
                    button.textContent = 'Selected: press Ctrl+C';
                }
                setTimeout(() => { button.textContent = 'Copy'; }, 2000);
            });
        }
    });
}());
