using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace CivilAffairs.Verification.Feeds;

/// <summary>
/// One feed's data in its compact, immutable, sorted form: records ordered by person key, and the feed's strings.
/// Written once when a snapshot is accepted (<see cref="WriteTo"/>), read back as flat arrays; a person's records
/// are one binary search away.
/// </summary>
public sealed class FeedTable
{
    private const uint Magic = 0x43415646; // "CAVF"
    private const int FormatVersion = 1;

    public FeedTable(FeedKind feed, FeedRecord[] sortedRecords, string[] texts, DateOnly asOf)
    {
        Feed = feed;
        Records = sortedRecords;
        Texts = texts;
        AsOf = asOf;
    }

    public FeedKind Feed { get; }
    public FeedRecord[] Records { get; }
    public string[] Texts { get; }
    public DateOnly AsOf { get; }

    public static FeedTable From(ParsedFeed parsed, DateOnly asOf) => new(parsed.Feed, parsed.Records, parsed.Texts, asOf);

    /// <summary>The records of one person (a contiguous range).</summary>
    public ReadOnlySpan<FeedRecord> For(ulong key)
    {
        var span = Records.AsSpan();
        var start = Sorting.LowerBound(span, key);
        var end = start;
        while (end < span.Length && span[end].Key == key) end++;
        return span[start..end];
    }

    public string TextOf(in FeedRecord r) => TextOf(Texts, r);

    public static string TextOf(string[] texts, in FeedRecord r) => r.Text == FeedRecord.NoText || r.Text >= texts.Length ? "" : texts[r.Text];

    /// <summary>Writes the binary snapshot; returns its SHA-256 (hex), which the database keeps to detect tampering.</summary>
    public string WriteTo(string path)
    {
        var tmp = path + ".tmp";
        using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            void Write(ReadOnlySpan<byte> bytes)
            {
                file.Write(bytes);
                hash.AppendData(bytes);
            }
            Span<byte> header = stackalloc byte[32];
            BitConverter.TryWriteBytes(header, Magic);
            BitConverter.TryWriteBytes(header[4..], FormatVersion);
            BitConverter.TryWriteBytes(header[8..], (int)Feed);
            BitConverter.TryWriteBytes(header[12..], AsOf.DayNumber);
            BitConverter.TryWriteBytes(header[16..], (long)Records.Length);
            BitConverter.TryWriteBytes(header[24..], (long)Texts.Length);
            Write(header);
            Write(MemoryMarshal.AsBytes(Records.AsSpan()));
            var buffer = new byte[4096];
            foreach (var t in Texts)
            {
                var n = Encoding.UTF8.GetByteCount(t);
                if (buffer.Length < n + 4) buffer = new byte[n + 4];
                BitConverter.TryWriteBytes(buffer, n);
                Encoding.UTF8.GetBytes(t, buffer.AsSpan(4));
                Write(buffer.AsSpan(0, n + 4));
            }
            var digest = hash.GetHashAndReset();
            file.Write(digest);
        }
        File.Move(tmp, path, overwrite: true);
        return Convert.ToHexStringLower(ReadDigest(path));
    }

    private static byte[] ReadDigest(string path)
    {
        using var file = File.OpenRead(path);
        file.Seek(-32, SeekOrigin.End);
        var digest = new byte[32];
        file.ReadExactly(digest);
        return digest;
    }

    /// <summary>Reads a snapshot back, verifying its checksum (and the expected one, when given). Records are read straight into their array.</summary>
    public static FeedTable ReadFrom(string path, string? expectedSha256 = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (file.Length < 64) throw new InvalidDataException("快照文件已损坏（过短）");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new byte[32];
        file.ReadExactly(header);
        hash.AppendData(header);
        if (BitConverter.ToUInt32(header) != Magic || BitConverter.ToInt32(header, 4) != FormatVersion)
            throw new InvalidDataException("不是本平台的快照文件或版本不符");
        var feed = (FeedKind)BitConverter.ToInt32(header, 8);
        var asOf = DateOnly.FromDayNumber(BitConverter.ToInt32(header, 12));
        var count = BitConverter.ToInt64(header, 16);
        var textCount = BitConverter.ToInt64(header, 24);
        var size = Marshal.SizeOf<FeedRecord>();
        if (count < 0 || textCount < 0 || 32 + count * size + 32 > file.Length) throw new InvalidDataException("快照文件已损坏（长度不符）");
        var records = GC.AllocateUninitializedArray<FeedRecord>(checked((int)count));
        var bytes = MemoryMarshal.AsBytes(records.AsSpan());
        file.ReadExactly(bytes);
        hash.AppendData(bytes);
        var rest = new byte[file.Length - file.Position];
        file.ReadExactly(rest);
        var textBytes = rest.AsSpan(0, rest.Length - 32);
        hash.AppendData(textBytes);
        var digest = hash.GetHashAndReset();
        if (!digest.AsSpan().SequenceEqual(rest.AsSpan(rest.Length - 32)))
            throw new InvalidDataException("快照文件校验失败（内容与校验和不符）");
        if (expectedSha256 is not null && !string.Equals(Convert.ToHexStringLower(digest), expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException("快照文件与数据库记录的校验和不一致");
        var texts = new string[textCount];
        var at = 0;
        for (var i = 0; i < textCount; i++)
        {
            var n = BitConverter.ToInt32(textBytes[at..]);
            texts[i] = Encoding.UTF8.GetString(textBytes.Slice(at + 4, n));
            at += 4 + n;
        }
        return new FeedTable(feed, records, texts, asOf);
    }
}

/// <summary>The active table of each feed; a feed never imported is simply absent (reported as "no data").</summary>
public sealed class FeedSet
{
    private readonly FeedTable?[] _tables = new FeedTable?[16];

    public FeedSet(IEnumerable<FeedTable> tables)
    {
        foreach (var t in tables) _tables[(int)t.Feed] = t;
    }

    public FeedTable? this[FeedKind feed] => _tables[(int)feed];

    public IEnumerable<FeedTable> Tables => _tables.OfType<FeedTable>();
}
