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

    /// <summary>Characters of a structure's <c>parameters</c> (docs/migration.md); exports with the first 7 only are read too.</summary>
    public const int StructureParameterCount = 10;

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

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(';', '"') < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// The fields of one line as UTF-8 bytes. A field holding ';' or '"' is quoted with '"' and doubles its quotes; after the
/// closing quote, anything but ';' ends the line. ';' and '"' are ASCII, so splitting the bytes is splitting the text,
/// without decoding the line or allocating a string per field.
/// </summary>
internal sealed class FieldSplitter
{
    private readonly Range[] _ranges = new Range[32];
    private byte[] _scratch = new byte[1024];

    /// <summary>Splits the line; Data then holds the fields (the line itself, or an unquoted copy). Returns the field count.</summary>
    public int Split(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> data)
    {
        var count = 0;
        if (line.IndexOf((byte)'"') < 0)
        {
            var start = 0;
            while (true)
            {
                var end = line[start..].IndexOf((byte)LegacyFormat.Separator);
                if (end < 0)
                {
                    Add(ref count, start, line.Length);
                    data = line;
                    return count;
                }
                Add(ref count, start, start + end);
                start += end + 1;
            }
        }
        // Quoted fields lose their quotes and doubled inner quotes: written out to the scratch buffer.
        if (_scratch.Length < line.Length)
            _scratch = new byte[line.Length * 2];
        var w = 0;
        var i = 0;
        while (true)
        {
            var fieldStart = w;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { _scratch[w++] = (byte)'"'; i += 2; continue; }
                        i++;
                        break;
                    }
                    _scratch[w++] = line[i++];
                }
                Add(ref count, fieldStart, w);
                if (i < line.Length && line[i] == LegacyFormat.Separator) { i++; continue; }
                data = _scratch;
                return count;
            }
            var end = line[i..].IndexOf((byte)LegacyFormat.Separator);
            var field = end < 0 ? line[i..] : line.Slice(i, end);
            field.CopyTo(_scratch.AsSpan(w));
            w += field.Length;
            Add(ref count, fieldStart, w);
            if (end < 0)
            {
                data = _scratch;
                return count;
            }
            i += end + 1;
        }
    }

    /// <summary>Field i of the last split (i below its count).</summary>
    public Range this[int i] => _ranges[i];

    private void Add(ref int count, int start, int end)
    {
        // Beyond the capacity only the count matters: the line has the wrong number of columns anyway.
        if (count < _ranges.Length)
            _ranges[count] = start..end;
        count++;
    }
}

/// <summary>Reads a file line by line as raw bytes, so that a line in bad UTF-8 is rejected on its own instead of corrupting the read.</summary>
internal sealed class LineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private int _lineStart;
    private int _lineLength;
    private bool _eof;

    public LineReader(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        Length = _stream.Length;
    }

    public long Length { get; }
    public long Position { get; private set; }

    /// <summary>The line found by the last <see cref="Next"/>, without its end of line; valid until the next call.</summary>
    public ReadOnlySpan<byte> Line => _buffer.AsSpan(_lineStart, _lineLength);

    /// <summary>The line for a reject file: a lossy copy when it is not valid UTF-8.</summary>
    public static string Raw(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);

    public bool Next()
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0 || (_eof && span.Length > 0))
            {
                var length = nl >= 0 ? nl : span.Length;
                _lineStart = _start;
                _lineLength = length > 0 && span[length - 1] == '\r' ? length - 1 : length;
                Position += nl >= 0 ? nl + 1 : length;
                _start += nl >= 0 ? nl + 1 : length;
                return true;
            }
            if (_eof)
                return false;
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
