using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace NvidiaInference.Http
{
    /// <summary>
    /// The extension placement recommended for each base URI and model in this process: probed once (structured output
    /// in each placement), then reused, so -ExtensionPlacement Auto costs a few requests per endpoint and session.
    /// Test-NvEndpoint records its recommendations here too.
    /// </summary>
    internal static class PlacementRecommendations
    {
        private static readonly ConcurrentDictionary<string, EndpointCheck> Known = new ConcurrentDictionary<string, EndpointCheck>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The recommendation for <paramref name="model"/> at the settings' base URI, probing the endpoint the first time.</summary>
        public static EndpointCheck Resolve(NimConnectionSettings settings, string model, Action<string>? verbose, CancellationToken cancellationToken)
        {
            string key = Key(settings.BaseUri, model);
            if (Known.TryGetValue(key, out EndpointCheck? known))
            {
                return known;
            }

            EndpointCheck recommendation = new EndpointProbe(settings, cancellationToken) { Verbose = verbose }.RecommendPlacement(model);

            // A recommendation made without any answer (the server down, a bad key) is used once and probed again next time.
            return recommendation.Status == EndpointCheckStatus.Failed ? recommendation : Known.GetOrAdd(key, recommendation);
        }

        /// <summary>Records a recommendation found elsewhere (Test-NvEndpoint), unless it was made without any answer.</summary>
        public static void Record(Uri baseUri, string model, EndpointCheck recommendation)
        {
            if (recommendation.Status != EndpointCheckStatus.Failed)
            {
                Known[Key(baseUri, model)] = recommendation;
            }
        }

        /// <summary>
        /// The first placement whose structured output followed the schema (in the order Nvext, TopLevel, OpenAI); if
        /// none did, the one the server answered (OpenAI's standard fields first); if the server answered none, the
        /// default, marked Failed so that nobody keeps it.
        /// </summary>
        internal static EndpointCheck Recommend(IReadOnlyList<EndpointCheck> structured, ISet<ExtensionPlacement> answeredPlacements)
        {
            EndpointCheck? honoured = structured.FirstOrDefault(c => c.Status == EndpointCheckStatus.Passed);
            if (honoured is not null)
            {
                return new EndpointCheck("RecommendedPlacement", EndpointCheckStatus.Passed, TimeSpan.Zero,
                    $"{honoured.Placement}: the first placement whose structured output followed the schema (tried in the order Nvext, TopLevel, OpenAI).", honoured.Placement);
            }

            ExtensionPlacement? answered = new[] { ExtensionPlacement.OpenAI, ExtensionPlacement.Nvext, ExtensionPlacement.TopLevel }
                .Where(answeredPlacements.Contains).Cast<ExtensionPlacement?>().FirstOrDefault();
            return answered is ExtensionPlacement placement
                ? new EndpointCheck("RecommendedPlacement", EndpointCheckStatus.NotSupported, TimeSpan.Zero,
                    $"{placement}: no placement got structured output; this one was answered{(placement == ExtensionPlacement.OpenAI ? ", and sends standard fields only" : string.Empty)}.", placement)
                : new EndpointCheck("RecommendedPlacement", EndpointCheckStatus.Failed, TimeSpan.Zero,
                    "Nvext (the default): the server answered none of the structured-output probes, so nothing could be learnt.", ExtensionPlacement.Nvext);
        }

        private static string Key(Uri baseUri, string model) => baseUri.AbsoluteUri + "\n" + model;
    }
}
