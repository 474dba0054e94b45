using System.CommandLine;
using Portique.Formats;

namespace Portique.Cli.Invoice;

/// <summary>`portique invoice render FILE -o OUT.html`: a self-contained human-readable view. Exit 0 written, 1 unreadable, 2 usage.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "HTML file to write.", Required = true };
        var file = new Argument<string>("FILE") { Description = "Invoice to render: UBL, CII or Factur-X PDF." };

        var command = new Command("render", "Render an invoice as a self-contained HTML page.");
        command.Options.Add(output);
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var content = InvoiceCommand.ReadInput(parse.GetValue(file)!, error);
            if (content is null)
                return Program.UsageError;
            try
            {
                var (_, invoice, _) = InvoiceEngine.Read(content);
                File.WriteAllText(parse.GetValue(output)!, InvoiceEngine.RenderHtml(invoice));
                return 0;
            }
            catch (InvoiceFormatException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
