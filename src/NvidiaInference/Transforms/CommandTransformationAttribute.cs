using System;
using System.Management.Automation;

namespace NvidiaInference.Transforms
{
    /// <summary>
    /// Binds -Command of New-NvTool: a name is resolved to its command (aliases followed); anything else passes through,
    /// so a piped hashtable or object fails the CommandInfo type quietly and binds to -Definition instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CommandTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not string name)
            {
                return inputData;
            }

            CommandInfo? command = engineIntrinsics.InvokeCommand.GetCommand(name, CommandTypes.Function | CommandTypes.Cmdlet | CommandTypes.ExternalScript | CommandTypes.Alias);
            while (command is AliasInfo alias)
            {
                command = alias.ResolvedCommand;
            }

            return command ?? throw new ArgumentTransformationMetadataException($"There is no command named '{name}'. Check the name with Get-Command, or import the module that has it.");
        }
    }
}
