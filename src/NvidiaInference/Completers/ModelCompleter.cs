using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security;
using NvidiaInference.Catalog;
using NvidiaInference.Commands;
using NvidiaInference.Http;
using NvidiaInference.Transforms;

namespace NvidiaInference.Completers
{
    /// <summary>
    /// Completes -Model with the models of the server the command would talk to: -BaseUri and -ApiKey (and the
    /// certificate and plain-HTTP switches) as already typed, else NVIDIA_BASE_URL and NVIDIA_API_KEY, as the cmdlet
    /// itself would resolve them. Asked once per server and kept; the built-in list of NIM models when the server
    /// cannot answer within 1.5 s (see <see cref="ModelCatalog"/>).
    /// </summary>
    public sealed class ModelCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            ModelIds models = ModelCatalog.Shared.Get(Settings(fakeBoundParameters));
            string toolTip = models.FromServer
                ? $"Served by {models.BaseUri}"
                : $"A NIM model from the built-in list ({models.BaseUri} could not be asked)";
            return CompletionValues.Complete(models.Ids.Select(id => (id, toolTip)), wordToComplete);
        }

        private static NimConnectionSettings Settings(IDictionary? typed)
        {
            var connection = new ConnectionParameters();
            try
            {
                if (Typed(typed, nameof(ConnectionParameters.BaseUri)) is object baseUri)
                {
                    connection.BaseUri = LanguagePrimitives.ConvertTo<Uri>(baseUri);
                }

                if (Typed(typed, nameof(ConnectionParameters.ApiKey)) is object apiKey)
                {
                    connection.ApiKey = (SecureString)new ApiKeyTransformationAttribute().Transform(null!, apiKey);
                }

                connection.AllowUnencryptedAuthentication = LanguagePrimitives.IsTrue(Typed(typed, nameof(ConnectionParameters.AllowUnencryptedAuthentication)));
                connection.SkipCertificateCheck = LanguagePrimitives.IsTrue(Typed(typed, nameof(ConnectionParameters.SkipCertificateCheck)));
                NimConnectionSettings settings = connection.ToSettings();
                if (connection.ApiKey is null && !settings.IsHosted)
                {
                    // Pressing Tab is not running a command: NVIDIA_API_KEY goes only to NVIDIA's hosted API, never to
                    // whatever -BaseUri is being typed. A server that needs a key gets one typed with -ApiKey.
                    settings.ApiKeyProvider = null;
                }

                return settings;
            }
            catch (Exception e) when (e is PSInvalidCastException || e is ArgumentException || e is ArgumentTransformationMetadataException)
            {
                // What is typed so far (or NVIDIA_BASE_URL) is not a usable URI yet: complete from the hosted catalog.
                return new NimConnectionSettings(NimConnectionSettings.HostedBaseUri);
            }
        }

        private static object? Typed(IDictionary? typed, string name) =>
            typed is not null && typed.Contains(name) ? (typed[name] is PSObject wrapped ? wrapped.BaseObject : typed[name]) : null;
    }
}
