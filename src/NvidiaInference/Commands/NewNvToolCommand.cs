using System.Management.Automation;
using NvidiaInference.Transforms;

namespace NvidiaInference.Commands
{
    /// <summary>New-NvTool: a tool definition from a PowerShell command, from a definition (hashtable or JSON), or from a name and a JSON schema.</summary>
    [Cmdlet(VerbsCommon.New, "NvTool", DefaultParameterSetName = CommandSet)]
    [OutputType(typeof(ToolDefinition))]
    public sealed class NewNvToolCommand : PSCmdlet
    {
        private const string CommandSet = "Command";
        private const string DefinitionSet = "Definition";
        private const string SchemaSet = "Schema";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CommandSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        [CommandTransformation]
        public CommandInfo Command { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = DefinitionSet, ValueFromPipeline = true)]
        [ToolTransformation]
        public ToolDefinition[] Definition { get; set; } = null!;

        [Parameter(ParameterSetName = CommandSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SchemaSet)]
        [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = CommandSet)]
        [Parameter(ParameterSetName = SchemaSet)]
        public string? Description { get; set; }

        [Parameter(ParameterSetName = SchemaSet)]
        [JsonSchemaTransformation]
        public string? ParameterSchema { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case DefinitionSet:
                    WriteObject(Definition, enumerateCollection: true);
                    break;
                case SchemaSet:
                    WriteObject(new ToolDefinition(Name!) { Description = Description, ParametersSchemaJson = ParameterSchema });
                    break;
                default:
                    ToolDefinition tool = CommandTool.Describe(this, Command, Name);
                    tool.Description = Description ?? tool.Description;
                    WriteObject(tool);
                    break;
            }
        }
    }
}
