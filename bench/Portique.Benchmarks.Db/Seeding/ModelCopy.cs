using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Portique.Common.Data;

namespace Portique.Benchmarks.Db.Seeding;

/// <summary>
/// Writes entities with PostgreSQL's binary COPY through the portal's own EF model: the table, its columns, the store type
/// and value conversion of each come from <see cref="PortiqueDb"/>'s mapping, and the values from the entities, built by
/// their own factories. A column added to an entity (a structure's new parameter) is thus written with the entity's value,
/// instead of breaking the seed, as a hand-written column list did. Database-generated keys are left to the database.
/// </summary>
internal sealed class ModelCopy<T> where T : class
{
    private readonly Column[] _columns;

    public ModelCopy(PortiqueDb db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of PortiqueDb.");
        Table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
        var columns = new List<Column>();
        // Flattened: the properties of complex types (Address_*, Parameters_*) too.
        foreach (var property in entity.GetFlattenedProperties())
        {
            if (property.GetColumnName(table) is not { } name)
                continue;
            if (property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never)
                continue;
            if (property.IsShadowProperty())
                throw new NotSupportedException($"{typeof(T).Name}.{property.Name} has no CLR value to copy (a shadow property): give the seed a value for it.");
            var mapping = property.GetRelationalTypeMapping();
            var getter = property.GetGetter();
            var converter = mapping.Converter;
            columns.Add(new Column(name, mapping.StoreTypeNameBase, entity =>
            {
                var value = getter.GetClrValueUsingContainingEntity(entity);
                return value is null || converter is null ? value : converter.ConvertToProvider(value);
            }));
        }
        _columns = [.. columns];
    }

    public string Table { get; }

    /// <summary>The columns written, in order (for messages).</summary>
    public IEnumerable<string> Columns => _columns.Select(c => c.Name);

    /// <summary>
    /// Copies the rows on an open connection (in its transaction, if any); <paramref name="options"/> are extra COPY options
    /// such as "FREEZE" (which needs the table truncated in the same transaction). Returns the rows written.
    /// </summary>
    public async Task<ulong> WriteAsync(NpgsqlConnection connection, IEnumerable<T> rows, string? options = null)
    {
        var columns = string.Join(", ", _columns.Select(c => $"\"{c.Name}\""));
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"{Table}\" ({columns}) FROM STDIN (FORMAT BINARY{(options is null ? "" : ", " + options)})");
        foreach (var row in rows)
        {
            writer.StartRow();
            foreach (var column in _columns)
            {
                if (column.Value(row) is { } value)
                    writer.Write(value, column.StoreType);
                else
                    writer.WriteNull();
            }
        }
        return await writer.CompleteAsync();
    }

    private sealed record Column(string Name, string StoreType, Func<object, object?> Value);
}
