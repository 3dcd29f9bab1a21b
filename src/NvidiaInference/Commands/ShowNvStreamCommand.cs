using System;
using System.Management.Automation;
using NvidiaInference.Display;
using NvidiaInference.Errors;

namespace NvidiaInference.Commands
{
    /// <summary>
    /// Show-NvStream: writes a streamed answer to the console as one flowing text while it arrives (the thinking dimmed,
    /// tool calls on lines of their own, a closing line with the stop reason, usage and time to first token), then
    /// writes the assembled response; with -PassThru it writes every event on instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "NvStream")]
    [OutputType(typeof(ChatCompletionResponse), typeof(CompletionResponse), typeof(ChatCompletionEvent), typeof(CompletionStreamChunk))]
    public sealed class ShowNvStreamCommand : PSCmdlet
    {
        private StreamTranscriptWriter _writer = null!;
        private ConsoleStyles _styles = null!;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject InputObject { get; set; } = null!;

        [Parameter]
        public SwitchParameter HideReasoning { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            _styles = ConsoleStyles.For(this);
            _writer = new StreamTranscriptWriter(Write, showReasoning: !HideReasoning);
        }

        protected override void ProcessRecord()
        {
            object item = InputObject.BaseObject;
            object? assembled;
            try
            {
                assembled = _writer.Show(item);
            }
            catch (ArgumentException e)
            {
                WriteError(NimErrorRecords.NotAStream(e, item));
                return;
            }

            if (PassThru)
            {
                WriteObject(item);
            }
            else if (assembled is not null)
            {
                WriteObject(assembled);
            }
        }

        protected override void EndProcessing() => _writer.End();

        /// <summary>As Write-Host -NoNewline does: to the information stream, tagged for the host, so 6> captures it too.</summary>
        private void Write(string text, TextStyle style) =>
            WriteInformation(new HostInformationMessage { Message = _styles.Apply(text, style), NoNewLine = true }, new[] { "PSHOST" });
    }
}
