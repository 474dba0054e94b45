using System.Globalization;
using System.Text;
using Portique.Organisation;

namespace Portique.LegacyMigration;

public sealed record GeneratorOptions(int Users, int Structures, long Habilitations, int Seed = 1, double DefectShare = 0, int? Services = null);

/// <summary>
/// Writes a realistic legacy export: valid SIRETs, French names and addresses, creation dates 2017–2022 following the
/// real portal's monthly profile (peaks at each January when a new size of company became obliged, about 18,000 a month
/// after February 2022), and a share of defective rows of every class the importer must reject.
/// </summary>
public static class LegacyGenerator
{
    private static readonly string[] FirstNames = ["Jean", "Marie", "Pierre", "Camille", "Élodie", "François", "Hélène", "Jérôme", "Zoé", "Loïc", "Agnès", "Benoît", "Céline", "Gaël", "Inès", "Noël", "Anaïs", "Thérèse", "Raphaël", "Léa"];
    private static readonly string[] LastNames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier", "Girard", "Bonnet", "Dupré", "Lemaître"];
    private static readonly string[] Trades = ["Boulangerie", "Garage", "Menuiserie", "Cabinet", "Transports", "Pharmacie", "Librairie", "Plomberie", "Électricité", "Traiteur", "Imprimerie", "Bâtiment"];
    private static readonly string[] Forms = ["SARL", "SAS", "EURL", "SA", "SCI", ""];
    private static readonly string[] Streets = ["de la République", "Victor-Hugo", "des Écoles", "du Général-de-Gaulle", "Pasteur", "Jean-Jaurès", "de l'Église", "des Lilas"];
    private static readonly (string City, string PostCode)[] Cities = [("Paris", "75011"), ("Lyon", "69003"), ("Marseille", "13006"), ("Toulouse", "31000"), ("Nantes", "44000"), ("Besançon", "25000"), ("Orléans", "45000"), ("Saint-Étienne", "42000"), ("Nîmes", "30000"), ("Évry", "91000")];

    /// <summary>Relative weight of each month from January 2017 to December 2022.</summary>
    public static double MonthWeight(int year, int month) => (year, month) switch
    {
        (2017, 1) => 8,  // large companies and the State: go-live
        (2018, 1) => 4,  // intermediate-sized companies
        (2019, 1) => 4,  // small and medium-sized companies
        (2020, 1) => 5,  // micro-enterprises
        _ when year == 2022 && month >= 3 => 1.35,
        _ => 1,
    };

    public static void Generate(GeneratorOptions o, string directory)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(o.Seed);
        var months = Enumerable.Range(0, 72).Select(m => new DateOnly(2017 + m / 12, m % 12 + 1, 1)).ToArray();
        var cumulative = new double[months.Length];
        var total = 0.0;
        for (var m = 0; m < months.Length; m++)
            cumulative[m] = total += MonthWeight(months[m].Year, months[m].Month);
        string Day()
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            var month = months[index < 0 ? ~index : index];
            return month.AddDays(random.Next(DateTime.DaysInMonth(month.Year, month.Month))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        bool Defect() => o.DefectShare > 0 && random.NextDouble() < o.DefectShare;
        string Pick(string[] values) => values[random.Next(values.Length)];

        // Structures: 1..S; about 4 % public (with services), the rest private companies.
        var isPublic = new bool[o.Structures];
        using (var w = new CsvOut(Path.Combine(directory, LegacyFormat.Structures), LegacyFormat.Structures))
        {
            var defect = 0;
            for (var s = 0; s < o.Structures; s++)
            {
                isPublic[s] = random.Next(25) == 0;
                var (city, postCode) = Cities[random.Next(Cities.Length)];
                var siret = Siret(s);
                var name = isPublic[s] ? $"Mairie de {city} {s + 1}" : $"{Pick(Forms)} {Pick(Trades)} {Pick(LastNames)} {s + 1}".Trim();
                var fields = new[]
                {
                    (s + 1).ToString(CultureInfo.InvariantCulture), "SIRET", siret, name, isPublic[s] ? "PUBLIC" : "PRIVATE",
                    $"{random.Next(1, 200)} rue {Pick(Streets)}", "", postCode, city, "FR", Day(), random.Next(40) == 0 ? "INACTIVE" : "ACTIVE",
                    isPublic[s] ? (random.Next(2) == 0 ? "1000000" : "0100000") : "0000000",
                };
                if (Defect())
                {
                    switch (defect++ % 4)
                    {
                        case 0: fields[2] = siret[..13] + (char)('0' + (siret[13] - '0' + 1) % 10); break; // SIRET_INVALID
                        case 1: fields[10] = "2021-02-30"; break;                                          // DATE_INVALID
                        case 2: w.Bad(fields, 3); continue;                                                 // ENCODING_INVALID
                        default: fields = fields[..^1]; break;                                              // COLUMN_COUNT
                    }
                }
                w.Row(fields);
            }
        }

        var publicStructures = Enumerable.Range(0, o.Structures).Where(s => isPublic[s]).ToArray();
        var serviceCount = publicStructures.Length == 0 ? 0 : o.Services ?? o.Structures / 20;
        var serviceStructure = new int[serviceCount];
        using (var w = new CsvOut(Path.Combine(directory, LegacyFormat.Services), LegacyFormat.Services))
        {
            for (var v = 0; v < serviceCount; v++)
            {
                serviceStructure[v] = publicStructures[v % publicStructures.Length];
                w.Row([(v + 1).ToString(CultureInfo.InvariantCulture), (serviceStructure[v] + 1).ToString(CultureInfo.InvariantCulture), $"SERV-{v + 1}", $"Service {Pick(Trades).ToLowerInvariant()} {v + 1}", "ACTIVE"]);
            }
        }

        using (var w = new CsvOut(Path.Combine(directory, LegacyFormat.Users), LegacyFormat.Users))
        {
            var defect = 0;
            for (var u = 0; u < o.Users; u++)
            {
                var first = Pick(FirstNames);
                var last = Pick(LastNames);
                var login = $"{Ascii(first)}.{Ascii(last)}.{u + 1}@exemple.fr";
                var fields = new[]
                {
                    (u + 1).ToString(CultureInfo.InvariantCulture), login, random.Next(3) == 0 ? $"compta.{u + 1}@exemple.fr" : "",
                    first, last, random.Next(50) == 0 ? "INACTIVE" : "ACTIVE", Day(),
                };
                if (Defect() && w.Logins!.Count > 0)
                {
                    switch (defect++ % 4)
                    {
                        case 0: fields[1] = w.Logins[random.Next(w.Logins.Count)]; break; // EMAIL_DUPLICATE of a clean row
                        case 1: fields[6] = "2019-13-01"; break;  // DATE_INVALID
                        case 2: w.Bad(fields, 4); continue;       // ENCODING_INVALID
                        default: fields = [.. fields, "extra"]; break; // COLUMN_COUNT
                    }
                }
                else
                    w.Logins!.Add(fields[1]);
                w.Row(fields);
            }
        }

        // Roles: every structure has a principal; the other users are secondary managers or simple users elsewhere.
        var members = new List<(int User, int Structure)>();
        var pairs = new HashSet<(int, int)>();
        using (var w = new CsvOut(Path.Combine(directory, LegacyFormat.Roles), LegacyFormat.Roles))
        {
            void Role(int user, int structure, string role)
            {
                if (o.Users == 0 || !pairs.Add((user, structure)))
                    return;
                members.Add((user, structure));
                w.Row([(user + 1).ToString(CultureInfo.InvariantCulture), (structure + 1).ToString(CultureInfo.InvariantCulture), role]);
            }
            for (var s = 0; s < o.Structures; s++)
            {
                // Defects of the role rule, not of the format: a structure with no principal, one with two.
                var principal = s % Math.Max(1, o.Users);
                var oddity = Defect() ? random.Next(2) : -1;
                Role(principal, s, oddity == 0 ? "SECONDARY" : "PRINCIPAL");
                if (oddity == 1)
                    Role(random.Next(o.Users), s, "PRINCIPAL");
            }
            for (var u = o.Structures; u < o.Users; u++)
                Role(u, random.Next(Math.Max(1, o.Structures)), random.Next(3) == 0 ? "SECONDARY" : "USER");
            for (var extra = 0; extra < o.Users / 20 && o.Structures > 0; extra++)
                Role(random.Next(o.Users), random.Next(o.Structures), "USER");
        }

        using (var w = new CsvOut(Path.Combine(directory, LegacyFormat.Habilitations), LegacyFormat.Habilitations))
        {
            var applications = Enum.GetNames<PortalApplication>();
            var written = 0L;
            var defect = 0;
            for (var m = 0; m < members.Count && written < o.Habilitations; m++)
            {
                // Spread the total evenly: member m gets its share of what remains, at most one row per application.
                var share = (int)Math.Min(applications.Length, (o.Habilitations - written + members.Count - m - 1) / (members.Count - m));
                var order = applications.OrderBy(_ => random.Next()).Take(share);
                foreach (var application in order)
                {
                    var (user, structure) = members[m];
                    var fields = new[]
                    {
                        (user + 1).ToString(CultureInfo.InvariantCulture), (structure + 1).ToString(CultureInfo.InvariantCulture), "",
                        application, random.Next(3) == 0 ? "MODIFICATION" : "CONSULTATION",
                    };
                    if (Defect())
                    {
                        switch (defect++ % 4)
                        {
                            case 0: fields[0] = (o.Users + 1_000_000 + m).ToString(CultureInfo.InvariantCulture); break;      // USER_UNKNOWN
                            case 1: fields[1] = (o.Structures + 1_000_000 + m).ToString(CultureInfo.InvariantCulture); break; // STRUCTURE_UNKNOWN
                            case 2: fields[3] = "FACTURATION_MAGIQUE"; break;                                                 // APPLICATION_INVALID
                            default: fields = fields[..3]; break;                                                             // COLUMN_COUNT
                        }
                    }
                    w.Row(fields);
                    written++;
                }
            }
            if (written < o.Habilitations)
                throw new ArgumentException($"At most {written} habilitations fit {members.Count} memberships (one per application).");
        }
    }

    /// <summary>A unique valid SIRET per index: 13 digits spread by a multiplier coprime to the range, then the Luhn key.</summary>
    public static string Siret(int index)
    {
        var body = (1_000_000_000_000L + index * 7_777_777L % 9_000_000_000_000L).ToString(CultureInfo.InvariantCulture);
        if (body.StartsWith("356000000", StringComparison.Ordinal))
            body = "4" + body[1..];
        for (var key = '0'; ; key++)
        {
            var candidate = body + key;
            if (StructureIdentifier.Luhn(candidate))
                return candidate;
        }
    }

    private static string Ascii(string value) =>
        new string(value.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray()).ToLowerInvariant();

    private sealed class CsvOut : IDisposable
    {
        private readonly Stream _stream;
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _length;

        public CsvOut(string path, string file)
        {
            _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            if (file == LegacyFormat.Users)
                Logins = [];
            Row(LegacyFormat.Headers[file]);
        }

        public List<string>? Logins { get; }

        public void Row(string[] fields) => Write(Encoding.UTF8.GetBytes(string.Join(LegacyFormat.Separator, fields.Select(LegacyFormat.Quote)) + "\n"));

        /// <summary>Writes the row with a byte that is not UTF-8 inside one field (a Latin-1 export mixed in).</summary>
        public void Bad(string[] fields, int field)
        {
            var before = string.Join(LegacyFormat.Separator, fields[..field].Select(LegacyFormat.Quote)) + LegacyFormat.Separator;
            var after = string.Join(LegacyFormat.Separator, fields[field..].Select(LegacyFormat.Quote)) + "\n";
            Write(Encoding.UTF8.GetBytes(before));
            Write([0xC9]); // 'É' in Latin-1
            Write(Encoding.UTF8.GetBytes(after));
        }

        private void Write(byte[] bytes)
        {
            if (_length + bytes.Length > _buffer.Length)
            {
                _stream.Write(_buffer, 0, _length);
                _length = 0;
            }
            if (bytes.Length > _buffer.Length)
                _stream.Write(bytes);
            else
            {
                bytes.CopyTo(_buffer, _length);
                _length += bytes.Length;
            }
        }

        public void Dispose()
        {
            _stream.Write(_buffer, 0, _length);
            _stream.Dispose();
        }
    }
}
