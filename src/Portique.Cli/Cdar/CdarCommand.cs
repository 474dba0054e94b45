using System.CommandLine;

namespace Portique.Cli.Cdar;

/// <summary>`portique cdar validate|render`: lifecycle messages (CDAR D22B, French profile) on files.</summary>
internal static class CdarCommand
{
    public static Command Create()
    {
        var command = new Command("cdar", "Messages de cycle de vie (CDAR D22B) : valider, résumer.");
        command.Subcommands.Add(CdarValidateCommand.Create());
        command.Subcommands.Add(CdarRenderCommand.Create());
        return command;
    }
}
