using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;

namespace NvidiaInference.Chat
{
    /// <summary>
    /// Reads one line typed at the chat prompt. At a console it reads keys itself: PSReadLine would parse the line as
    /// PowerShell (an apostrophe or an open bracket leaves it waiting at >>) and keep every chat line in the shell's
    /// history file, so the chat has its own reader: typing, Backspace, Delete, Left, Right, Home, End, Esc (clear the
    /// line), Up and Down (this chat's own lines), Enter; Ctrl+C gives an empty line and Ctrl+D at an empty line ends the input. In another host, or where
    /// the input is not a console, the host reads the line.
    /// </summary>
    /// <remarks>A line longer than the console is wide is read correctly, but editing redraws it only on its last row.</remarks>
    internal sealed class ChatLineReader
    {
        private readonly List<string> _history = new List<string>();

        /// <summary>The line, or null when the input has ended.</summary>
        public string? Read(PSCmdlet cmdlet)
        {
            // Only the console host has a console to read keys from; any other host reads the line itself (or says it cannot).
            if (Console.IsInputRedirected || cmdlet.Host.Name != "ConsoleHost")
            {
                return cmdlet.Host.UI.ReadLine();
            }

            bool treatedAsInput = Console.TreatControlCAsInput;
            Console.TreatControlCAsInput = true;
            try
            {
                return ReadKeys();
            }
            finally
            {
                Console.TreatControlCAsInput = treatedAsInput;
            }
        }

        private string? ReadKeys()
        {
            var line = new StringBuilder();
            int cursor = 0;
            int recalled = _history.Count;
            while (true)
            {
                ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                bool control = (key.Modifiers & ConsoleModifiers.Control) != 0;
                if (key.Key == ConsoleKey.Enter)
                {
                    Console.WriteLine();
                    string text = line.ToString();
                    if (text.Trim().Length > 0 && (_history.Count == 0 || _history[_history.Count - 1] != text))
                    {
                        _history.Add(text);
                    }

                    return text;
                }

                if (control && key.Key == ConsoleKey.C)
                {
                    Console.WriteLine("^C");
                    return string.Empty;
                }

                if (control && key.Key == ConsoleKey.D && line.Length == 0)
                {
                    Console.WriteLine();
                    return null;
                }

                switch (key.Key)
                {
                    case ConsoleKey.Backspace when cursor > 0:
                        line.Remove(--cursor, 1);
                        Console.Write("\b");
                        RedrawFrom(line, cursor, erased: 1);
                        break;
                    case ConsoleKey.Delete when cursor < line.Length:
                        line.Remove(cursor, 1);
                        RedrawFrom(line, cursor, erased: 1);
                        break;
                    case ConsoleKey.LeftArrow when cursor > 0:
                        cursor--;
                        Console.Write("\b");
                        break;
                    case ConsoleKey.RightArrow when cursor < line.Length:
                        Console.Write(line[cursor++]);
                        break;
                    case ConsoleKey.Home:
                        Console.Write(new string('\b', cursor));
                        cursor = 0;
                        break;
                    case ConsoleKey.End:
                        Console.Write(line.ToString(cursor, line.Length - cursor));
                        cursor = line.Length;
                        break;
                    case ConsoleKey.Escape:
                        cursor = Replace(line, cursor, string.Empty);
                        break;
                    case ConsoleKey.UpArrow when recalled > 0:
                        cursor = Replace(line, cursor, _history[--recalled]);
                        break;
                    case ConsoleKey.DownArrow when recalled < _history.Count:
                        recalled++;
                        cursor = Replace(line, cursor, recalled == _history.Count ? string.Empty : _history[recalled]);
                        break;
                    default:
                        if (!char.IsControl(key.KeyChar))
                        {
                            line.Insert(cursor, key.KeyChar);
                            Console.Write(key.KeyChar);
                            cursor++;
                            RedrawFrom(line, cursor, erased: 0);
                        }

                        break;
                }
            }
        }

        /// <summary>Writes the line from the cursor on (blanking what was erased after it) and puts the cursor back.</summary>
        private static void RedrawFrom(StringBuilder line, int cursor, int erased)
        {
            int rest = line.Length - cursor;
            if (rest == 0 && erased == 0)
            {
                return;
            }

            Console.Write(line.ToString(cursor, rest) + new string(' ', erased) + new string('\b', rest + erased));
        }

        /// <summary>Replaces the whole line with <paramref name="text"/>; returns the new cursor, at its end.</summary>
        private static int Replace(StringBuilder line, int cursor, string text)
        {
            Console.Write(line.ToString(cursor, line.Length - cursor));
            Console.Write(new string('\b', line.Length) + new string(' ', line.Length) + new string('\b', line.Length) + text);
            line.Clear().Append(text);
            return text.Length;
        }
    }
}
