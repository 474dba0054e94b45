using System.Text;

namespace Portique.LegacyMigration;

/// <summary>The legacy export (docs/migration.md): five UTF-8 CSV files, ';' separated, header row, one row per line.</summary>
public static class LegacyFormat
{
    public const char Separator = ';';
    public const string Structures = "structures.csv";
    public const string Services = "services.csv";
    public const string Users = "users.csv";
    public const string Roles = "roles.csv";
    public const string Habilitations = "habilitations.csv";

    /// <summary>In import order: a file only refers to files before it.</summary>
    public static readonly string[] Files = [Structures, Services, Users, Roles, Habilitations];

    public static readonly IReadOnlyDictionary<string, string[]> Headers = new Dictionary<string, string[]>
    {
        [Structures] = ["legacy_id", "identifier_type", "identifier", "name", "sector", "address_line1", "address_line2", "post_code", "city", "country", "created_on", "status", "parameters"],
        [Services] = ["legacy_id", "structure_legacy_id", "code", "name", "status"],
        [Users] = ["legacy_id", "login_email", "contact_email", "first_name", "last_name", "status", "created_on"],
        [Roles] = ["user_legacy_id", "structure_legacy_id", "role"],
        [Habilitations] = ["user_legacy_id", "structure_legacy_id", "service_legacy_id", "application", "profile"],
    };

    /// <summary>Splits one line; a field holding ';' or '"' is quoted with '"' and doubles its quotes. Returns the field count.</summary>
    public static int Split(string line, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                fields.Add(sb.ToString());
                if (i < line.Length && line[i] == Separator) { i++; continue; }
                return fields.Count;
            }
            var end = line.IndexOf(Separator, i);
            if (end < 0)
            {
                fields.Add(line[i..]);
                return fields.Count;
            }
            fields.Add(line[i..end]);
            i = end + 1;
        }
    }

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(';', '"') < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Reads a file line by line as raw bytes, so that a line in bad UTF-8 is rejected on its own instead of corrupting the read.</summary>
internal sealed class LineReader : IDisposable
{
    private static readonly UTF8Encoding Strict = new(false, true);
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Length = _stream.Length;
    }

    public long Length { get; }
    public long Position { get; private set; }

    /// <summary>Next line without its end of line; Text is null when the bytes are not valid UTF-8 (Raw then holds a lossy copy).</summary>
    public bool Next(out string? text, out string raw)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0 || (_eof && span.Length > 0))
            {
                var length = nl >= 0 ? nl : span.Length;
                var line = span[..length];
                if (line.Length > 0 && line[^1] == '\r')
                    line = line[..^1];
                Position += nl >= 0 ? nl + 1 : length;
                _start += nl >= 0 ? nl + 1 : length;
                try
                {
                    text = Strict.GetString(line);
                    raw = text;
                }
                catch (DecoderFallbackException)
                {
                    text = null;
                    raw = Encoding.UTF8.GetString(line);
                }
                return true;
            }
            if (_eof)
            {
                text = null;
                raw = "";
                return false;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _eof = true;
        _end += read;
    }

    public void Dispose() => _stream.Dispose();
}
