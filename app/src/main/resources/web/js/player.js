// Plays a room's HLS stream in a <video>: hls.js where the browser has Media Source Extensions,
// the browser's own HLS (Safari, iOS) where it does not. Before the host goes live the playlist
// does not exist yet; the player keeps asking, calmly, and says so.

const RETRY_MS = 3000;

/**
 * @param video   the <video> element (muted, playsinline: browsers only autoplay muted video)
 * @param room    the room, which is also the stream name
 * @param onState called with (message, kind) where kind is 'wait', 'live' or 'bad'
 * @returns {{stop: function}}
 */
export function attachPlayer(video, room, onState = () => {}) {
  const url = `/hls/${encodeURIComponent(room)}/index.m3u8`;
  let hls = null;
  let timer = null;
  let stopped = false;

  const retry = (message) => {
    onState(message, 'wait');
    if (hls) { hls.destroy(); hls = null; }
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(start, RETRY_MS);
  };

  const playing = () => onState('Live', 'live');
  video.addEventListener('playing', playing);

  const play = () => video.play().catch(() => onState('Press play to watch', 'wait'));

  function start() {
    if (stopped) return;
    const Hls = window.Hls;
    if (Hls && Hls.isSupported()) {
      hls = new Hls({
        // A live show: stay close to the edge, and do not hoard segments on a phone.
        liveSyncDurationCount: 2,
        liveMaxLatencyDurationCount: 6,
        maxBufferLength: 10,
        backBufferLength: 10,
        manifestLoadingMaxRetry: 2,
        levelLoadingMaxRetry: 4,
        fragLoadingMaxRetry: 4,
      });
      hls.on(Hls.Events.MANIFEST_PARSED, play);
      hls.on(Hls.Events.ERROR, (event, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
          hls.recoverMediaError();
        } else if (data.response && data.response.code === 404) {
          retry('Waiting for the host to go live…');
        } else {
          retry('Reconnecting to the stream…');
        }
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      video.addEventListener('loadedmetadata', play, { once: true });
      video.addEventListener('error', () => retry('Waiting for the host to go live…'), { once: true });
    } else {
      onState('This browser cannot play live video (no HLS support).', 'bad');
    }
  }

  // Playlist probe first, so "not live yet" is said plainly instead of as a player error.
  fetch(url, { method: 'GET', cache: 'no-store' }).then((r) => {
    if (r.ok) start(); else retry('Waiting for the host to go live…');
  }, () => retry('The stream cannot be reached; retrying…'));

  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      video.removeEventListener('playing', playing);
      if (hls) hls.destroy();
    },
  };
}
