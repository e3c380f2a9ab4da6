// The player's timeline and the bookmark form: a bookmark's button seeks the video there, and the bookmark form's
// position follows the video until the person types a time of their own.
const video = document.getElementById('player');
const position = document.querySelector('[data-player-position]');
let typedByHand = false;

position?.addEventListener('input', () => { typedByHand = true; });

function follow() {
    if (position && !typedByHand && document.activeElement !== position) {
        position.value = video.currentTime.toFixed(1);
    }
}

for (const event of ['loadedmetadata', 'timeupdate', 'seeked', 'pause']) {
    video.addEventListener(event, follow);
}

for (const button of document.querySelectorAll('[data-seek]')) {
    button.addEventListener('click', () => {
        video.currentTime = Number(button.dataset.seek);
        typedByHand = false;
        follow();
    });
}
