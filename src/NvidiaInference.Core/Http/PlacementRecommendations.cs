using System;
using System.Collections.Concurrent;
using System.Threading;

namespace NvidiaInference
{
    /// <summary>
    /// The extension placement recommended for each base URI and model in this process: probed once (structured output
    /// in each placement), then reused, so -ExtensionPlacement Auto costs a few requests per endpoint and session.
    /// Test-NvEndpoint records its recommendations here too.
    /// </summary>
    public static class PlacementRecommendations
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

        private static string Key(Uri baseUri, string model) => baseUri.AbsoluteUri + "\n" + model;
    }
}
