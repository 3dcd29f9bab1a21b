using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NvidiaInference.Http;

namespace NvidiaInference.Catalog
{
    /// <summary>
    /// The model ids a server serves, for tab completion, where an answer must come quickly: each server (base URI) is
    /// asked once, with a short timeout and no retries, and its list is kept for the life of the process. When the
    /// server cannot be asked (unreachable, too slow, no key for the hosted API, an error), the built-in
    /// <see cref="KnownModels"/> stand in, and the server is asked again only after <see cref="RetryAfter"/>, so that
    /// pressing Tab again does not wait again.
    /// </summary>
    public sealed class ModelCatalog
    {
        private readonly Func<NimConnectionSettings, CancellationToken, IReadOnlyList<string>> _fetch;
        private readonly Func<TimeSpan> _clock;
        private readonly ConcurrentDictionary<Uri, Entry> _entries = new ConcurrentDictionary<Uri, Entry>();

        /// <summary>Creates a catalog that asks servers over HTTP.</summary>
        public ModelCatalog(TimeSpan timeout, TimeSpan retryAfter)
            : this(timeout, retryAfter, (settings, token) => new NimClient(settings).GetModels(token).Select(m => m.Id).ToArray(), StartClock())
        {
        }

        /// <summary>Creates a catalog with its own way of asking a server, and its own clock (for tests).</summary>
        internal ModelCatalog(TimeSpan timeout, TimeSpan retryAfter, Func<NimConnectionSettings, CancellationToken, IReadOnlyList<string>> fetch, Func<TimeSpan> clock)
        {
            Timeout = timeout;
            RetryAfter = retryAfter;
            _fetch = fetch;
            _clock = clock;
        }

        /// <summary>The catalog tab completion uses: 1.5 s to answer, asked again 30 s after a failure.</summary>
        public static ModelCatalog Shared { get; } = new ModelCatalog(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));

        /// <summary>The longest a server is waited for.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>How long the built-in list stands in for a server that could not be asked before it is asked again.</summary>
        public TimeSpan RetryAfter { get; }

        /// <summary>The model ids of the server <paramref name="settings"/> point at (its key rules included), or the built-in ones.</summary>
        public ModelIds Get(NimConnectionSettings settings)
        {
            if (settings is null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            TimeSpan now = _clock();
            if (_entries.TryGetValue(settings.BaseUri, out Entry? cached) && (cached.Ids.FromServer || now < cached.RetryAt))
            {
                return cached.Ids;
            }

            ModelIds ids = Ask(settings);
            _entries[settings.BaseUri] = new Entry(ids, now + RetryAfter);
            return ids;
        }

        /// <summary>Forgets every server's list.</summary>
        public void Clear() => _entries.Clear();

        private ModelIds Ask(NimConnectionSettings settings)
        {
            var quick = new NimConnectionSettings(settings.BaseUri)
            {
                ApiKeyProvider = settings.ApiKeyProvider,
                AllowUnencryptedAuthentication = settings.AllowUnencryptedAuthentication,
                SkipCertificateCheck = settings.SkipCertificateCheck,
                Timeout = Timeout,
                IdleTimeout = Timeout,
                MaxRetryCount = 0,
            };
            try
            {
                new NimClient(quick).CheckAuthentication();
                using var deadline = new CancellationTokenSource(Timeout);
                IReadOnlyList<string> ids = _fetch(quick, deadline.Token);
                return new ModelIds(settings.BaseUri, Sorted(ids), fromServer: true);
            }
            catch (Exception)
            {
                // Whatever the failure, it means the same here: the server cannot say, so the built-in list stands in.
                return new ModelIds(settings.BaseUri, KnownModels.Ids, fromServer: false);
            }
        }

        private static Func<TimeSpan> StartClock()
        {
            var clock = Stopwatch.StartNew();
            return () => clock.Elapsed;
        }

        private static IReadOnlyList<string> Sorted(IEnumerable<string> ids) =>
            ids.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.OrdinalIgnoreCase).ToArray();

        private sealed class Entry
        {
            public Entry(ModelIds ids, TimeSpan retryAt)
            {
                Ids = ids;
                RetryAt = retryAt;
            }

            public ModelIds Ids { get; }

            public TimeSpan RetryAt { get; }
        }
    }
}
