using System.CommandLine;
using Portique.Formats;

namespace Portique.Cli.Invoice;

/// <summary>`portique invoice convert --to ubl|cii|facturx FILE -o OUT`. Exit 0 written, 1 input not a readable invoice, 2 usage.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "Target format: ubl, cii or facturx.", Required = true };
        to.AcceptOnlyFromAmong("ubl", "cii", "facturx");
        var output = new Option<string>("--output", "-o") { Description = "File to write.", Required = true };
        var file = new Argument<string>("FILE") { Description = "Invoice to convert: UBL, CII or Factur-X PDF." };

        var command = new Command("convert", "Convert an invoice between UBL 2.1, CII D16B and Factur-X.");
        command.Options.Add(to);
        command.Options.Add(output);
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var content = InvoiceCommand.ReadInput(parse.GetValue(file)!, error);
            if (content is null)
                return Program.UsageError;
            var target = parse.GetValue(to) switch
            {
                "ubl" => TargetFormat.Ubl,
                "cii" => TargetFormat.Cii,
                _ => TargetFormat.FacturX,
            };
            try
            {
                File.WriteAllBytes(parse.GetValue(output)!, InvoiceEngine.Convert(content, target));
                return 0;
            }
            catch (InvoiceFormatException e)
            {
                error.WriteLine(e.Message);
                foreach (var finding in e.Findings)
                    error.WriteLine($"  {finding.Rule} {finding.Location}: {finding.Message}");
                return 1;
            }
        });
        return command;
    }
}
