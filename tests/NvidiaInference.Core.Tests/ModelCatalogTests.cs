using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NvidiaInference.Catalog;
using NvidiaInference.Http;
using Xunit;

namespace NvidiaInference.Tests
{
    /// <summary>ModelCatalog: the model ids tab completion offers, asked once per server, with the built-in list as fallback.</summary>
    public class ModelCatalogTests
    {
        private static readonly Uri Local = new Uri("http://127.0.0.1:9/v1/");
        private TimeSpan _now = TimeSpan.Zero;
        private readonly List<NimConnectionSettings> _asked = new List<NimConnectionSettings>();

        private ModelCatalog Catalog(Func<NimConnectionSettings, IReadOnlyList<string>> answer) =>
            new ModelCatalog(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30), (settings, _) =>
            {
                _asked.Add(settings);
                return answer(settings);
            }, () => _now);

        [Fact]
        public void A_server_is_asked_once_and_its_ids_are_kept_sorted_without_repeats()
        {
            ModelCatalog catalog = Catalog(_ => new[] { "b/model", "a/model", "b/model", "" });

            ModelIds first = catalog.Get(new NimConnectionSettings(Local));
            _now += TimeSpan.FromHours(5);
            ModelIds second = catalog.Get(new NimConnectionSettings(new Uri("http://127.0.0.1:9")));

            Assert.True(first.FromServer);
            Assert.Equal(new[] { "a/model", "b/model" }, first.Ids);
            Assert.Same(first, second);
            Assert.Single(_asked);
        }

        [Fact]
        public void Each_base_uri_has_its_own_list()
        {
            ModelCatalog catalog = Catalog(settings => new[] { settings.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

            Assert.Equal(new[] { "9" }, catalog.Get(new NimConnectionSettings(Local)).Ids);
            Assert.Equal(new[] { "10" }, catalog.Get(new NimConnectionSettings(new Uri("http://127.0.0.1:10/v1"))).Ids);
            Assert.Equal(2, _asked.Count);
        }

        [Fact]
        public void A_server_that_fails_gets_the_built_in_list_and_is_asked_again_only_after_the_pause()
        {
            bool up = false;
            ModelCatalog catalog = Catalog(_ => up ? new[] { "served/model" } : throw new NimConnectionException("refused", 1, null));

            ModelIds down = catalog.Get(new NimConnectionSettings(Local));
            up = true;
            _now += TimeSpan.FromSeconds(29);
            ModelIds stillDown = catalog.Get(new NimConnectionSettings(Local));
            _now += TimeSpan.FromSeconds(2);
            ModelIds back = catalog.Get(new NimConnectionSettings(Local));

            Assert.False(down.FromServer);
            Assert.Equal(KnownModels.Ids, down.Ids);
            Assert.Same(down, stillDown);
            Assert.True(back.FromServer);
            Assert.Equal(new[] { "served/model" }, back.Ids);
            Assert.Equal(2, _asked.Count);
        }

        [Fact]
        public void The_hosted_api_without_a_key_is_not_asked()
        {
            ModelCatalog catalog = Catalog(_ => new[] { "never" });

            ModelIds ids = catalog.Get(new NimConnectionSettings(NimConnectionSettings.HostedBaseUri) { ApiKeyProvider = () => null });

            Assert.False(ids.FromServer);
            Assert.Equal(KnownModels.Ids, ids.Ids);
            Assert.Empty(_asked);
        }

        [Fact]
        public void A_key_is_not_sent_over_plain_http_to_another_machine()
        {
            ModelCatalog catalog = Catalog(_ => new[] { "never" });
            var remote = new NimConnectionSettings(new Uri("http://nim.example.invalid:8000")) { ApiKeyProvider = () => "secret" };

            Assert.False(catalog.Get(remote).FromServer);
            Assert.Empty(_asked);

            remote.AllowUnencryptedAuthentication = true;
            _now += TimeSpan.FromMinutes(1);
            Assert.True(catalog.Get(remote).FromServer);
            Assert.Single(_asked);
        }

        [Fact]
        public void The_server_is_asked_quickly_once_with_the_callers_key_and_certificate_rule()
        {
            ModelCatalog catalog = Catalog(_ => new[] { "m" });
            var settings = new NimConnectionSettings(Local) { ApiKeyProvider = () => "secret", SkipCertificateCheck = true, Timeout = TimeSpan.FromMinutes(10), MaxRetryCount = 5 };

            catalog.Get(settings);

            NimConnectionSettings asked = Assert.Single(_asked);
            Assert.Equal(Local, asked.BaseUri);
            Assert.Equal("secret", asked.ApiKeyProvider!());
            Assert.True(asked.SkipCertificateCheck);
            Assert.Equal(TimeSpan.FromSeconds(1.5), asked.Timeout);
            Assert.Equal(TimeSpan.FromSeconds(1.5), asked.IdleTimeout);
            Assert.Equal(0, asked.MaxRetryCount);
        }

        [Fact]
        public void The_fetch_gets_a_token_that_ends_with_the_timeout()
        {
            CancellationToken seen = default;
            var catalog = new ModelCatalog(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), (_, token) =>
            {
                seen = token;
                token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                token.ThrowIfCancellationRequested();
                return new[] { "late" };
            }, () => _now);

            ModelIds ids = catalog.Get(new NimConnectionSettings(Local));

            Assert.True(seen.IsCancellationRequested);
            Assert.False(ids.FromServer);
        }

        [Fact]
        public void The_built_in_list_holds_sorted_catalog_ids()
        {
            Assert.Contains("meta/llama-3.1-8b-instruct", KnownModels.Ids);
            Assert.Equal(KnownModels.Ids, new List<string>(KnownModels.Ids).OrderBy(id => id, StringComparer.OrdinalIgnoreCase));
            Assert.All(KnownModels.Ids, id => Assert.Matches("^[a-z0-9-]+/[a-z0-9._-]+$", id));
        }
    }
}
