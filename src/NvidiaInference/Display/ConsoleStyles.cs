using System;
using System.Management.Automation;

namespace NvidiaInference.Display
{
    /// <summary>
    /// The escape sequences of each <see cref="TextStyle"/>, read from $PSStyle, or none at all when colour is off:
    /// NO_COLOR is set, $PSStyle.OutputRendering is PlainText, or the console's output is redirected.
    /// </summary>
    internal sealed class ConsoleStyles
    {
        private readonly string _dim;
        private readonly string _toolCall;
        private readonly string _summary;
        private readonly string _warning;
        private readonly string _reset;

        private ConsoleStyles(PSObject? style)
        {
            string Read(string name) => style?.Properties[name]?.Value as string ?? string.Empty;
            PSObject? foreground = style?.Properties["Foreground"]?.Value is object value ? PSObject.AsPSObject(value) : null;
            string Color(string name) => foreground?.Properties[name]?.Value as string ?? string.Empty;
            _dim = Read("Dim") + Read("Italic");
            _toolCall = Color("Cyan");
            _summary = Read("Dim");
            _warning = PSObject.AsPSObject(style?.Properties["Formatting"]?.Value ?? new object()).Properties["Warning"]?.Value as string ?? Color("Yellow");
            _reset = style is null ? string.Empty : Read("Reset");
        }

        /// <summary>The styles for the session the cmdlet runs in.</summary>
        public static ConsoleStyles For(PSCmdlet cmdlet)
        {
            bool off = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || Console.IsOutputRedirected;
            object? psStyle = cmdlet.SessionState.PSVariable.GetValue("PSStyle");
            PSObject? style = psStyle is null ? null : PSObject.AsPSObject(psStyle);
            if (style?.Properties["OutputRendering"]?.Value?.ToString() == "PlainText")
            {
                off = true;
            }

            return new ConsoleStyles(off ? null : style);
        }

        public string Apply(string text, TextStyle style)
        {
            string start = style switch
            {
                TextStyle.Reasoning => _dim,
                TextStyle.ToolCall => _toolCall,
                TextStyle.Summary => _summary,
                TextStyle.Warning => _warning,
                _ => string.Empty,
            };
            return start.Length == 0 || text == "\n" ? text : start + text + _reset;
        }
    }
}
