using System;

namespace NvidiaInference.Chat
{
    /// <summary>What a line typed at Enter-NvChat's prompt asks for.</summary>
    internal enum ChatPromptAction
    {
        /// <summary>A message for the model.</summary>
        Message,
        /// <summary>An empty line (also what Ctrl+C at the prompt gives).</summary>
        Empty,
        /// <summary>/model NAME: talk to another model.</summary>
        Model,
        /// <summary>/system TEXT: set the system prompt (without text: remove it).</summary>
        System,
        /// <summary>/clear: forget the conversation.</summary>
        Clear,
        /// <summary>/save PATH: write the conversation to a file.</summary>
        Save,
        /// <summary>/load PATH: read a conversation from a file.</summary>
        Load,
        /// <summary>/help: list the commands.</summary>
        Help,
        /// <summary>/exit or /quit: leave.</summary>
        Exit,
        /// <summary>A slash command that does not exist.</summary>
        Unknown,
    }

    /// <summary>A line typed at Enter-NvChat's prompt, read as a message or a command with its argument.</summary>
    internal readonly struct ChatPromptCommand
    {
        public const string Help = "/model NAME  talk to another model          /system TEXT  set the system prompt (none: remove it)\n"
            + "/clear       forget the conversation        /save PATH    write the conversation to a file\n"
            + "/load PATH   read a conversation back       /help         this list\n"
            + "/exit        leave (Ctrl+C at an empty prompt twice, too); Ctrl+C while an answer is written stops it";

        private ChatPromptCommand(ChatPromptAction action, string argument)
        {
            Action = action;
            Argument = argument;
        }

        public ChatPromptAction Action { get; }

        /// <summary>The message, or the command's argument (trimmed; empty when none).</summary>
        public string Argument { get; }

        public static ChatPromptCommand Parse(string line)
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                return new ChatPromptCommand(ChatPromptAction.Empty, string.Empty);
            }

            // "//text" sends a message that starts with a slash.
            if (!trimmed.StartsWith("/", StringComparison.Ordinal) || trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                return new ChatPromptCommand(ChatPromptAction.Message, trimmed.StartsWith("//", StringComparison.Ordinal) ? line.Trim().Substring(1) : line);
            }

            int space = trimmed.IndexOf(' ');
            string name = (space < 0 ? trimmed : trimmed.Substring(0, space)).ToLowerInvariant();
            string argument = space < 0 ? string.Empty : trimmed.Substring(space + 1).Trim();
            ChatPromptAction action = name switch
            {
                "/model" => ChatPromptAction.Model,
                "/system" => ChatPromptAction.System,
                "/clear" => ChatPromptAction.Clear,
                "/save" => ChatPromptAction.Save,
                "/load" => ChatPromptAction.Load,
                "/help" or "/?" => ChatPromptAction.Help,
                "/exit" or "/quit" or "/bye" => ChatPromptAction.Exit,
                _ => ChatPromptAction.Unknown,
            };
            return new ChatPromptCommand(action, action == ChatPromptAction.Unknown ? name : argument);
        }
    }
}
