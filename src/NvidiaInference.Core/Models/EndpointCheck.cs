using System;

namespace NvidiaInference
{
    /// <summary>The outcome of one probe of an endpoint.</summary>
    public enum EndpointCheckStatus
    {
        /// <summary>The capability works as expected.</summary>
        Passed,
        /// <summary>The server tried and got it wrong: an error status, a broken stream, an answer of the wrong shape.</summary>
        Failed,
        /// <summary>The server refused the request or ignored the feature.</summary>
        NotSupported,
        /// <summary>Not probed, because something it depends on failed (the detail says what).</summary>
        Skipped,
    }

    /// <summary>One capability of an endpoint as Test-NvEndpoint found it.</summary>
    public sealed class EndpointCheck
    {
        /// <summary>Creates a result.</summary>
        public EndpointCheck(string capability, EndpointCheckStatus status, TimeSpan duration, string detail, ExtensionPlacement? placement = null)
        {
            Capability = capability;
            Status = status;
            Duration = duration;
            Detail = detail;
            Placement = placement;
        }

        /// <summary>What was probed, such as Chat, Streaming or StructuredOutput.</summary>
        public string Capability { get; }

        /// <summary>Passed, Failed, NotSupported or Skipped.</summary>
        public EndpointCheckStatus Status { get; }

        /// <summary>How long the probe took.</summary>
        public TimeSpan Duration { get; }

        /// <summary>What was seen: on failure, the server's answer or error.</summary>
        public string Detail { get; }

        /// <summary>For structured output and the recommendation, the extension placement concerned.</summary>
        public ExtensionPlacement? Placement { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{Capability}{(Placement is null ? string.Empty : $" ({Placement})")}: {Status}";
    }
}
