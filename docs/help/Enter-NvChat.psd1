@{
    Synopsis     = 'Chats with a model at the console: type, watch the answer flow, and the conversation is kept between turns.'
    Description  = @'
Enter-NvChat starts an interactive conversation. Each line you type is sent with the conversation so far, and the answer is shown as it arrives, as Show-NvStream shows it: a reasoning model's thinking dimmed (hidden with -HideReasoning), the answer as one flowing text, tool calls on lines of their own, and a closing line with the stop reason, the usage and the time to the first token. With -Tool and -ToolHandler the model can call PowerShell commands, confirmed as in Invoke-NvChatCompletion's tool loop.

Commands typed at the prompt:
  /model NAME   talk to another model
  /system TEXT  set the system prompt (without text: remove it)
  /clear        forget the conversation
  /save PATH    write the conversation to a file (JSON)
  /load PATH    read a conversation written by /save
  /help         list the commands
  /exit         leave (also /quit)
A line that starts with // is sent as a message starting with /.

Ctrl+C while an answer is being written stops that answer (it is not kept) and returns to the prompt. Ctrl+C at an empty prompt, or an empty line, twice in a row leaves, as /exit does. Leaving writes the conversation (the Message objects a response's Conversation holds), to keep or to pass back with -Conversation. At a console the chat reads the keys itself: Left, Right, Home, End, Backspace, Delete, Esc (clears the line), Up and Down (the lines typed in this chat), Enter. It does not use PSReadLine, which would read the line as PowerShell (an apostrophe would leave it waiting at >>) and keep the chat's lines in the shell's history file. Ctrl+C while a tool runs stops the chat, as it stops any command. A failed request (server down, bad key) is shown as an error and the chat goes on.

Lines piped in are typed for you, one after the other, and then the chat ends: a scripted chat, for tests and demos.
'@
    Parameters   = @{
        Model         = 'The model to chat with, as the server names it; pressing Tab completes the server''s models. /model changes it during the chat.'
        Conversation  = 'A conversation to continue: the Conversation of a response, the output of an earlier Enter-NvChat, or messages as hashtables.'
        InputObject   = 'Lines to type for the user, piped in: messages and commands, as they would be typed. When given, no prompt is read and the chat ends after the last line.'
        ToolHandler   = 'Runs the tools the model calls, as in Invoke-NvChatCompletion: a hashtable from tool name to a script block or command name. Only tools given in -Tool run, with only the arguments they declare; each call goes through ShouldProcess (-Confirm asks). Each answer''s tool calls, results and final answer are kept in the conversation.'
        MaxToolRounds = 'The most rounds of tool calls for one line typed (1 to 100, 5 unless given), as in Invoke-NvChatCompletion.'
        HideReasoning = 'Leaves a reasoning model''s thinking out of what is shown (it is still kept in the conversation).'
        Temperature   = 'Sampling temperature, 0 to 2. Without it the server''s default applies.'
        TopP          = 'Nucleus sampling mass, greater than 0 and at most 1. Without it the server''s default applies.'
        MaxTokens     = 'The most tokens one answer may take, thinking included.'
        ExtensionPlacement = 'Where NIM''s extensions go in the body: Nvext (NIM 1.x), TopLevel (NIM 2.x, vLLM) or OpenAI (standard fields only; -Thinking is then refused).'
        WhatIf        = 'Shows each request that would be sent, and each /save, and does neither.'
        Confirm       = 'Asks before each request and, with -ToolHandler, before each tool call.'
    }
    Inputs       = @(
        @{ Type = 'System.String'; Description = 'Lines to type for the user (a scripted chat).' }
    )
    Outputs      = @{
        'NvidiaInference.Message' = 'When the chat ends: the conversation, message by message (user, assistant with its reasoning and tool calls, tool results).'
    }
    Examples     = @(
        @{
            Title   = 'Chat with a model'
            Code    = @'
'What is NVIDIA NIM?', 'Say it in five words.', '/exit' | Enter-NvChat -Model meta/llama-3.1-8b-instruct
'@
            Remarks = 'At a console, run Enter-NvChat -Model meta/llama-3.1-8b-instruct and type; here the lines are piped in, as a script would. The conversation is written when the chat ends.'
        }
        @{
            Title   = 'Keep a conversation and come back to it'
            Code    = @'
$path = Join-Path ([IO.Path]::GetTempPath()) 'chat.json'
$conversation = 'Is 17 prime?', "/save $path" | Enter-NvChat -Model nvidia/nemotron-3-nano-30b-a3b -SystemPrompt 'Answer briefly.'
"/load $path", 'And 19?' | Enter-NvChat -Model nvidia/nemotron-3-nano-30b-a3b | Select-Object Role, Content
'@
            Remarks = '/save writes the conversation (with the system prompt and the thinking) as JSON; /load reads it back, or -Conversation $conversation continues it.'
        }
    )
    RelatedLinks = @('Invoke-NvChatCompletion', 'Show-NvStream', 'about_NvidiaInference')
}
