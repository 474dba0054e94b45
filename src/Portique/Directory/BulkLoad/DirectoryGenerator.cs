using System.Globalization;
using System.Text;
using System.Text.Json;
using Portique.Common;
using Portique.Organisation;
using Portique.LegacyMigration;

namespace Portique.Annuaire.BulkLoad;

public sealed record DirectoryGeneratorOptions(int LegalUnits, int Facilities, int Seed = 1, double Defects = 0.001, int Platforms = 40);

/// <summary>
/// Writes a realistic national directory file set (<see cref="DirectoryFiles"/>): valid SIREN/SIRET keys, French names and
/// addresses, 5 % public entities (routed to Chorus Pro, with routing codes), 8 % closed units whose line closed, lines at
/// the four granularities with history, upcoming and disabled versions; and, in a known proportion, defective rows of every
/// kind the import rejects, counted in expected.json. Same seed, same files. One pass over the legal units writing the five
/// files side by side: memory does not grow with the volume.
/// </summary>
public static class DirectoryGenerator
{
    // SIRENs are a bijection of the unit's index over the 9×10^7 eight-digit prefixes (a multiplier prime to 2, 3 and 5),
    // then the Luhn key: unique without remembering any, and spread like real ones.
    private const long Prefixes = 90_000_000;
    private const long Multiplier = 48_271;
    private const long Offset = 12_345_677;
    private static readonly DateOnly Reform = new(2026, 9, 1);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly string[] Trades = ["Boulangerie", "Transports", "Menuiserie", "Cabinet", "Garage", "Société", "Atelier", "Pharmacie", "Établissements", "Groupe", "Imprimerie", "Librairie", "Plomberie", "Conseil", "Hôtel"];
    private static readonly string[] Surnames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Faure", "Rousseau", "Blanc", "Guérin", "Muller"];
    private static readonly string[] Forms = ["SARL", "SAS", "SA", "EURL", "SASU", ""];
    private static readonly string[] PublicKinds = ["Commune de", "Centre hospitalier de", "Lycée Jean Moulin de", "Collège Victor Hugo de", "Syndicat intercommunal de", "Office de tourisme de"];
    private static readonly (string City, string PostalCode)[] Cities =
    [
        ("Paris", "75011"), ("Lyon", "69003"), ("Marseille", "13006"), ("Toulouse", "31000"), ("Nice", "06000"), ("Nantes", "44000"), ("Strasbourg", "67000"),
        ("Montpellier", "34000"), ("Bordeaux", "33000"), ("Lille", "59000"), ("Rennes", "35000"), ("Reims", "51100"), ("Le Havre", "76600"),
        ("Saint-Étienne", "42000"), ("Toulon", "83000"), ("Grenoble", "38000"), ("Dijon", "21000"), ("Angers", "49000"), ("Nîmes", "30000"), ("Brest", "29200"),
    ];
    private static readonly string[] Streets = ["rue de la République", "avenue Jean Jaurès", "place de la Mairie", "boulevard Victor Hugo", "rue du Moulin", "chemin des Vignes", "rue Pasteur", "allée des Tilleuls"];

    public static void Generate(DirectoryGeneratorOptions options, string directory)
    {
        if (options.LegalUnits < 1 || options.LegalUnits > 10 * Prefixes / 100)
            throw new PortiqueException("GENERATOR_OPTIONS_INVALID", $"--legal-units doit être compris entre 1 et {10 * Prefixes / 100}.");
        if (options.Facilities < options.LegalUnits)
            throw new PortiqueException("GENERATOR_OPTIONS_INVALID", "--facilities doit être au moins égal à --legal-units : chaque unité légale a son siège.");
        if (options.Defects is < 0 or > 0.5)
            throw new PortiqueException("GENERATOR_OPTIONS_INVALID", "--defects doit être compris entre 0 et 0,5.");
        if (options.Platforms is < 1 or > 900)
            throw new PortiqueException("GENERATOR_OPTIONS_INVALID", "--platforms doit être compris entre 1 et 900.");
        Directory.CreateDirectory(directory);
        using var run = new Run(options, directory);
        run.Write();
    }

    public static string SirenOf(long index)
    {
        var prefix = 10_000_000 + (index * Multiplier + Offset) % Prefixes;
        var digits = prefix.ToString(CultureInfo.InvariantCulture);
        return digits + LuhnKey(digits);
    }

    /// <summary>The SIRET of an establishment number: Luhn over 14 digits, or La Poste's sum rule for its SIREN.</summary>
    public static string SiretOf(string siren, int nic)
    {
        var digits = siren + nic.ToString("D4", CultureInfo.InvariantCulture);
        if (siren == "356000000")
            return digits + (char)('0' + (5 - digits.Sum(c => c - '0') % 5) % 5);
        return digits + LuhnKey(digits);
    }

    private static char LuhnKey(string digits)
    {
        for (var key = '0'; key <= '9'; key++)
        {
            if (StructureIdentifier.Luhn(digits + key))
                return key;
        }
        throw new InvalidOperationException("unreachable: one Luhn key always exists");
    }

    /// <summary>The same digits with another key: a number whose check digit is wrong.</summary>
    private static string WrongKey(string valid) => valid[..^1] + (char)('0' + (valid[^1] - '0' + 3) % 10);

    private sealed class Run : IDisposable
    {
        private readonly DirectoryGeneratorOptions _o;
        private readonly Random _random;
        private readonly Dictionary<string, (StreamWriter Writer, long Rows, Dictionary<string, long> Rejects)> _files = [];
        private long _fresh; // SIREN indexes past the units, for defective rows that must not meet a real unit
        private long _facilitiesLeft;

        public Run(DirectoryGeneratorOptions options, string directory)
        {
            _o = options;
            _random = new Random(options.Seed);
            _fresh = options.LegalUnits;
            _facilitiesLeft = options.Facilities;
            foreach (var file in DirectoryFiles.All)
            {
                var writer = new StreamWriter(Path.Combine(directory, file), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
                writer.WriteLine(string.Join(LegacyFormat.Separator, DirectoryFiles.Headers[file]));
                _files[file] = (writer, 0, []);
            }
            Directory = directory;
        }

        private string Directory { get; }

        public void Write()
        {
            var platforms = Enumerable.Range(1001, _o.Platforms).Select(m => m.ToString(CultureInfo.InvariantCulture)).ToArray();
            foreach (var m in platforms)
                Row(DirectoryFiles.Platforms, null, m, $"Plateforme agréée {m}", "WK", $"https://pa{m}.example.fr/flow");
            if (_o.Defects > 0)
            {
                Row(DirectoryFiles.Platforms, "PLATFORM_MATRICULE_INVALID", "12A4", "Plateforme au matricule faux", "WK", "");
                Row(DirectoryFiles.Platforms, "PLATFORM_DUPLICATE", platforms[0], "Plateforme en double", "WK", "");
                Row(DirectoryFiles.Platforms, "PLATFORM_TYPE_INVALID", "0998", "Plateforme au type inconnu", "XYZ", "");
            }
            for (long i = 0; i < _o.LegalUnits; i++)
                Unit(i, platforms);
            var expected = _files.ToDictionary(f => f.Key, f => new
            {
                rows = f.Value.Rows,
                imported = f.Value.Rows - f.Value.Rejects.Values.Sum(),
                rejects = f.Value.Rejects.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(),
            });
            File.WriteAllText(Path.Combine(Directory, DirectoryFiles.Expected), JsonSerializer.Serialize(expected, Indented));
        }

        private void Unit(long index, string[] platforms)
        {
            var siren = SirenOf(index);
            var isPublic = _random.NextDouble() < 0.05;
            var closed = _random.NextDouble() < 0.08;
            var city = Cities[_random.Next(Cities.Length)];
            var name = isPublic ? $"{PublicKinds[_random.Next(PublicKinds.Length)]} {city.City}" : CompanyName();
            var created = new DateOnly(1950, 1, 1).AddDays(_random.Next(27_000));
            Row(DirectoryFiles.LegalUnits, null, siren, name, isPublic ? "Public" : "PrivateVatRegistered", closed ? "C" : "A", Day(created));
            MaybeDefect(DirectoryFiles.LegalUnits, () => LegalUnitDefect(siren));

            // This unit's establishments: the head office, then its share of the secondary ones.
            var unitsLeft = _o.LegalUnits - index;
            var count = unitsLeft == 1 ? (int)_facilitiesLeft : (int)Math.Max(1, Math.Min(_facilitiesLeft - (unitsLeft - 1), Math.Round((double)_facilitiesLeft / unitsLeft + (_random.NextDouble() - 0.5))));
            _facilitiesLeft -= count;
            var sirets = new string[count];
            for (var f = 0; f < count; f++)
            {
                sirets[f] = SiretOf(siren, f + 1);
                var at = f == 0 ? city : Cities[_random.Next(Cities.Length)];
                Row(DirectoryFiles.Facilities, null, sirets[f], f == 0 ? name : $"{name} – {at.City}", f == 0 ? "P" : "S", closed ? "C" : "A",
                    _random.NextDouble() < 0.03 ? "N" : "O", $"{1 + _random.Next(180)} {Streets[_random.Next(Streets.Length)]}", at.PostalCode, at.City, "FR");
            }
            MaybeDefect(DirectoryFiles.Facilities, () => FacilityDefect(siren, sirets[0]));

            // Routing codes: a public entity's services, and a few private companies' departments.
            var codes = new List<(string Siret, string Code)>();
            if (isPublic || _random.NextDouble() < 0.02)
            {
                foreach (var code in isPublic ? new[] { "SERVICE-FACTURIER", "DIRECTION-ACHATS" } : ["COMPTA-FOURNISSEURS"])
                {
                    codes.Add((sirets[0], code));
                    Row(DirectoryFiles.RoutingCodes, null, sirets[0], code, code.Replace('-', ' ').ToLowerInvariant(), "A");
                }
            }
            MaybeDefect(DirectoryFiles.RoutingCodes, () => RoutingCodeDefect(codes));

            // Lines: the SIREN's default line (history, upcoming or disabled in a few cases, closed with the unit), then finer ones.
            var platform = isPublic ? Platform.ChorusPro : platforms[_random.Next(platforms.Length)];
            var start = Reform.AddDays(-_random.Next(60));
            DateOnly? end = closed ? Reform.AddDays(30 + _random.Next(300)) : null;
            var draw = _random.NextDouble();
            if (!isPublic && !closed && draw < 0.05)
            {
                // Changed platform twice.
                var second = start.AddDays(40 + _random.Next(40));
                var third = second.AddDays(40 + _random.Next(40));
                Row(DirectoryFiles.Lines, null, siren, platform, Day(start), Day(second));
                Row(DirectoryFiles.Lines, null, siren, platforms[_random.Next(platforms.Length)], Day(second), Day(third));
                Row(DirectoryFiles.Lines, null, siren, platforms[_random.Next(platforms.Length)], Day(third), "");
            }
            else if (!isPublic && draw < 0.08)
                Row(DirectoryFiles.Lines, null, siren, platform, Day(new DateOnly(2027, 9, 1)), ""); // upcoming (SMEs' later date)
            else if (!isPublic && draw < 0.10)
                Row(DirectoryFiles.Lines, null, siren, "", Day(start), end is null ? "" : Day(end.Value)); // disabled
            else
                Row(DirectoryFiles.Lines, null, siren, platform, Day(start), end is null ? "" : Day(end.Value));
            for (var f = 1; f < count; f++)
            {
                if (_random.NextDouble() < 0.10)
                    Row(DirectoryFiles.Lines, null, $"{siren}_{sirets[f]}", platforms[_random.Next(platforms.Length)], Day(start), end is null ? "" : Day(end.Value));
            }
            foreach (var (siret, code) in codes)
            {
                if (_random.NextDouble() < 0.5)
                    Row(DirectoryFiles.Lines, null, $"{siren}_{siret}_{code}", platform, Day(start), end is null ? "" : Day(end.Value));
            }
            if (!closed && _random.NextDouble() < 0.02)
                Row(DirectoryFiles.Lines, null, $"{siren}_FACTURES", platforms[_random.Next(platforms.Length)], Day(start), "");
            MaybeDefect(DirectoryFiles.Lines, () => LineDefect(siren, sirets[0], end));
        }

        private string CompanyName()
        {
            var name = $"{Trades[_random.Next(Trades.Length)]} {Surnames[_random.Next(Surnames.Length)]}";
            var form = Forms[_random.Next(Forms.Length)];
            // A few names hold the separator or quotes: the files quote them.
            return _random.Next(50) switch
            {
                0 => $"{name} \"Le Comptoir\" {form}".Trim(),
                1 => $"{name}; fils et associés {form}".Trim(),
                _ => $"{name} {form}".Trim(),
            };
        }

        private void MaybeDefect(string file, Action write)
        {
            if (_o.Defects > 0 && _random.NextDouble() < _o.Defects)
                write();
        }

        private string FreshSiren() => SirenOf(_fresh++);

        private void LegalUnitDefect(string siren)
        {
            const string file = DirectoryFiles.LegalUnits;
            switch (_random.Next(8))
            {
                case 0: Row(file, "SIREN_INVALID", WrongKey(FreshSiren()), "Clé fausse SARL", "PrivateVatRegistered", "A", "2001-02-03"); break;
                case 1: Row(file, "SIREN_DUPLICATE", siren, "Doublon SAS", "PrivateVatRegistered", "A", "2001-02-03"); break;
                case 2: Row(file, "FIELD_REQUIRED", FreshSiren(), "", "PrivateVatRegistered", "A", "2001-02-03"); break;
                case 3: Row(file, "ENTITY_TYPE_INVALID", FreshSiren(), "Type inconnu SA", "Privee", "A", "2001-02-03"); break;
                case 4: Row(file, "STATUS_INVALID", FreshSiren(), "Statut inconnu SA", "PrivateVatRegistered", "X", "2001-02-03"); break;
                case 5: Row(file, "DATE_INVALID", FreshSiren(), "Date fausse SA", "PrivateVatRegistered", "A", "2001-02-30"); break;
                case 6: Row(file, "COLUMN_COUNT", FreshSiren(), "Colonne manquante SA", "PrivateVatRegistered", "A"); break;
                default:
                    // Latin-1 bytes where UTF-8 is expected: the line is rejected alone.
                    var (writer, rows, rejects) = _files[file];
                    writer.Flush();
                    writer.BaseStream.Write(Encoding.Latin1.GetBytes($"{FreshSiren()};Soci\u00e9t\u00e9 mal encod\u00e9e;PrivateVatRegistered;A;2001-02-03\n"));
                    rejects["ENCODING_INVALID"] = rejects.GetValueOrDefault("ENCODING_INVALID") + 1;
                    _files[file] = (writer, rows + 1, rejects);
                    break;
            }
        }

        private void FacilityDefect(string siren, string headOffice)
        {
            const string file = DirectoryFiles.Facilities;
            switch (_random.Next(6))
            {
                case 0: Row(file, "SIRET_INVALID", WrongKey(SiretOf(siren, 9999)), "Clé fausse", "S", "A", "O", "1 rue Pasteur", "75011", "Paris", "FR"); break;
                case 1: Row(file, "SIRET_DUPLICATE", headOffice, "Doublon", "S", "A", "O", "1 rue Pasteur", "75011", "Paris", "FR"); break;
                case 2: Row(file, "LEGAL_UNIT_UNKNOWN", SiretOf(FreshSiren(), 1), "Sans unité légale", "P", "A", "O", "1 rue Pasteur", "75011", "Paris", "FR"); break;
                case 3: Row(file, "POSTAL_CODE_INVALID", SiretOf(siren, 9998), "Code postal faux", "S", "A", "O", "1 rue Pasteur", "7501", "Paris", "FR"); break;
                case 4: Row(file, "FACILITY_TYPE_INVALID", SiretOf(siren, 9997), "Type faux", "X", "A", "O", "1 rue Pasteur", "75011", "Paris", "FR"); break;
                default: Row(file, "COLUMN_COUNT", SiretOf(siren, 9996), "Colonnes en trop", "S", "A", "O", "1 rue Pasteur", "75011", "Paris", "FR", "en trop"); break;
            }
        }

        private void RoutingCodeDefect(List<(string Siret, string Code)> codes)
        {
            const string file = DirectoryFiles.RoutingCodes;
            var kind = _random.Next(3);
            if (kind == 2 && codes.Count > 0)
                Row(file, "ROUTING_CODE_DUPLICATE", codes[0].Siret, codes[0].Code, "doublon", "A");
            else if (kind == 1 && codes.Count > 0)
                Row(file, "ROUTING_CODE_INVALID", codes[0].Siret, "SERVICE!", "code faux", "A");
            else
                Row(file, "FACILITY_UNKNOWN", SiretOf(FreshSiren(), 1), "SERVICE-A", "sans établissement", "A");
        }

        private void LineDefect(string siren, string headOffice, DateOnly? end)
        {
            const string file = DirectoryFiles.Lines;
            var suffix = $"{siren}_DEFAUT{_fresh++}";
            switch (_random.Next(8))
            {
                case 0: Row(file, "ADDRESS_INVALID", siren[..8] + "X", "1001", "2026-09-01", ""); break;
                case 1: Row(file, "LEGAL_UNIT_UNKNOWN", FreshSiren(), "1001", "2026-09-01", ""); break;
                case 2: Row(file, "FACILITY_UNKNOWN", $"{siren}_{SiretOf(siren, 9995)}", "1001", "2026-09-01", ""); break;
                case 3: Row(file, "ROUTING_CODE_UNKNOWN", $"{siren}_{headOffice}_INCONNU", "1001", "2026-09-01", ""); break;
                case 4: Row(file, "PLATFORM_UNKNOWN", suffix, "8888", "2026-09-01", ""); break;
                case 5: Row(file, "DATE_INVALID", suffix, "1001", "2026-02-30", ""); break;
                case 6: Row(file, "PERIOD_INVALID", suffix, "1001", "2026-09-01", "2026-08-01"); break;
                default:
                    // A version of the SIREN's address inside the period of the one just written (or after its end, which then
                    // starts the same day it ends minus one).
                    var from = end is { } e ? e.AddDays(-1) : new DateOnly(2028, 1, 1);
                    Row(file, "LINE_OVERLAP", siren, "1001", Day(from), "");
                    break;
            }
        }

        private static string Day(DateOnly day) => day.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

        /// <summary>One row; <paramref name="reject"/> is the code the import must give it (null: imported).</summary>
        private void Row(string file, string? reject, params string[] fields)
        {
            var (writer, rows, rejects) = _files[file];
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                    writer.Write(LegacyFormat.Separator);
                writer.Write(LegacyFormat.Quote(fields[i]));
            }
            writer.WriteLine();
            if (reject is not null)
                rejects[reject] = rejects.GetValueOrDefault(reject) + 1;
            _files[file] = (writer, rows + 1, rejects);
        }

        public void Dispose()
        {
            foreach (var (writer, _, _) in _files.Values)
                writer.Dispose();
        }
    }
}
