using System.Linq;
using System.Management.Automation;

namespace NvidiaInference.Chat
{
    /// <summary>
    /// Reads one line typed at the chat prompt: through PSReadLine when it is loaded (line editing and history, and
    /// Ctrl+C at the prompt gives an empty line), else through the host.
    /// </summary>
    internal static class ChatLineReader
    {
        /// <summary>The line, or null when the input has ended.</summary>
        public static string? Read(PSCmdlet cmdlet)
        {
            if (cmdlet.InvokeCommand.GetCommand("PSConsoleHostReadLine", CommandTypes.Function) is not null && !System.Console.IsInputRedirected)
            {
                return cmdlet.InvokeCommand.InvokeScript("PSConsoleHostReadLine").Select(line => line?.BaseObject as string).FirstOrDefault() ?? string.Empty;
            }

            return cmdlet.Host.UI.ReadLine();
        }
    }
}
