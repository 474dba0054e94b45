using Portique.LegacyMigration;

namespace Portique.Annuaire.BulkLoad;

/// <summary>
/// The national directory file set (docs/directory-bulk-load.md): five UTF-8 CSV files, ';' separated and quoted as the
/// legacy export (<see cref="LegacyFormat.Quote"/>), header row, one row per line. A file only refers to files before it;
/// the versions of one address follow each other, oldest first, as the directory's own export writes them.
/// </summary>
public static class DirectoryFiles
{
    public const string Platforms = "platforms.csv";
    public const string LegalUnits = "legal_units.csv";
    public const string Facilities = "facilities.csv";
    public const string RoutingCodes = "routing_codes.csv";
    public const string Lines = "directory_lines.csv";

    /// <summary>What the generator knows it wrote: rows and expected rejects per file (the import's counts must match).</summary>
    public const string Expected = "expected.json";

    public static readonly string[] All = [Platforms, LegalUnits, Facilities, RoutingCodes, Lines];

    public static readonly IReadOnlyDictionary<string, string[]> Headers = new Dictionary<string, string[]>
    {
        [Platforms] = ["matricule", "name", "type", "base_url"],
        [LegalUnits] = ["siren", "name", "entity_type", "status", "created_on"],
        [Facilities] = ["siret", "name", "type", "status", "diffusible", "address_line1", "postal_code", "locality", "country"],
        [RoutingCodes] = ["siret", "code", "name", "status"],
        [Lines] = ["addressing_identifier", "platform", "valid_from", "valid_to"],
    };
}
