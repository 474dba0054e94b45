using System.CommandLine;
using Portique.Formats.Rendering;

namespace Portique.Cli.Espd;

/// <summary>`portique espd validate|render`: the ESPD (e-DUME) engine of Portique.Formats on files. French unless --lang en.</summary>
internal static class EspdCommand
{
    public static Command Create()
    {
        var command = new Command("espd", "Valider et afficher des DUME (ESPD-EDM 4.1.0 et 2.1.1) : demandes et réponses. / Validate and render ESPD documents.");
        command.Subcommands.Add(ValidateCommand.Create());
        command.Subcommands.Add(RenderCommand.Create());
        return command;
    }

    public static Option<string> LanguageOption()
    {
        var language = new Option<string>("--lang") { Description = "Langue des messages : fr (par défaut) ou en. / Language: fr (default) or en.", DefaultValueFactory = _ => "fr" };
        language.AcceptOnlyFromAmong("fr", "en");
        return language;
    }

    public static RenderLanguage Language(string? value) => value == "en" ? RenderLanguage.English : RenderLanguage.French;

    /// <summary>Reads an input file, never more than the engine accepts plus one byte (so the size finding still fires).</summary>
    public static byte[] ReadInput(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[Math.Min(stream.Length, Portique.Formats.FormatLimits.Default.MaxXmlBytes + 1)];
        stream.ReadExactly(buffer);
        return buffer;
    }

    public static string Missing(string file, RenderLanguage language) =>
        language == RenderLanguage.English ? $"{file}: no such file." : $"{file} : fichier introuvable.";
}
