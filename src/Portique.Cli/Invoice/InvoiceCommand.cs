using System.CommandLine;

namespace Portique.Cli.Invoice;

/// <summary>`portique invoice validate|convert|render`: the invoice engine (Portique.Formats) on files.</summary>
internal static class InvoiceCommand
{
    public static Command Create()
    {
        var command = new Command("invoice", "Validate, convert and render e-invoices (UBL 2.1, CII D16B, Factur-X).");
        command.Subcommands.Add(ValidateCommand.Create());
        command.Subcommands.Add(ConvertCommand.Create());
        command.Subcommands.Add(RenderCommand.Create());
        return command;
    }

    /// <summary>Reads an input file, never more than the engine would accept plus one byte (so the size finding still fires).</summary>
    public static byte[]? ReadInput(string path, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"{path}: no such file.");
            return null;
        }
        var limits = Portique.Formats.FormatLimits.Default;
        var cap = Math.Max(limits.MaxPdfBytes, limits.MaxXmlBytes) + 1;
        using var stream = File.OpenRead(path);
        var buffer = new byte[Math.Min(stream.Length, cap)];
        stream.ReadExactly(buffer);
        return buffer;
    }
}
