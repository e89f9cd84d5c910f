using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace CivilAffairs.Web.Kernel.Pdf;

/// <summary>
/// A Chinese font for PDFs. Debian ships CJK fonts as TrueType collections (.ttc), which PDFsharp cannot read, so the
/// first face is extracted into a standalone TrueType font (a TTC is a header of offsets to ordinary table
/// directories). Pdf:FontPath chooses the file; otherwise the usual Debian locations are tried.
/// </summary>
public static class CjkFont
{
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ];

    private static readonly Lock Gate = new();
    private static byte[]? _font;
    private static bool _resolverSet;

    /// <summary>The font bytes, or null when no CJK font is installed (PDFs are then refused with a clear message).</summary>
    public static byte[]? Load(IConfiguration config)
    {
        lock (Gate)
        {
            if (_font is not null) return _font;
            var configured = config["Pdf:FontPath"];
            var path = !string.IsNullOrWhiteSpace(configured) ? configured : Candidates.FirstOrDefault(File.Exists);
            if (path is null || !File.Exists(path)) return null;
            var bytes = File.ReadAllBytes(path);
            try
            {
                var font = IsCollection(bytes) ? ExtractFirstFace(bytes) : bytes;
                if (font.Length < 12 || !(font.AsSpan(0, 4).SequenceEqual(new byte[] { 0, 1, 0, 0 }) || font.AsSpan(0, 4).SequenceEqual("OTTO"u8) || font.AsSpan(0, 4).SequenceEqual("true"u8)))
                    return null; // not a TrueType/OpenType font
                _font = font;
            }
            catch (ArgumentOutOfRangeException)
            {
                return null; // a damaged font collection
            }
            if (!_resolverSet)
            {
                GlobalFontSettings.FontResolver = new Resolver(_font);
                _resolverSet = true;
            }
            return _font;
        }
    }

    public static bool IsCollection(ReadOnlySpan<byte> data) => data.Length > 12 && data[..4].SequenceEqual("ttcf"u8);

    /// <summary>Face 0 of a TrueType collection as a standalone font: its table directory, then its tables (4-byte aligned).</summary>
    public static byte[] ExtractFirstFace(byte[] ttc)
    {
        var faceOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(12));
        var numTables = BinaryPrimitives.ReadUInt16BigEndian(ttc.AsSpan(faceOffset + 4));
        var headerLength = 12 + 16 * numTables;
        var tables = new List<(uint Tag, uint Checksum, int Offset, int Length)>(numTables);
        for (var i = 0; i < numTables; i++)
        {
            var record = ttc.AsSpan(faceOffset + 12 + 16 * i, 16);
            tables.Add((BinaryPrimitives.ReadUInt32BigEndian(record), BinaryPrimitives.ReadUInt32BigEndian(record[4..]),
                (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..])));
        }
        var size = headerLength + tables.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[size];
        ttc.AsSpan(faceOffset, 12).CopyTo(font); // sfnt version, numTables, searchRange, entrySelector, rangeShift
        var at = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var t = tables[i];
            var record = font.AsSpan(12 + 16 * i, 16);
            BinaryPrimitives.WriteUInt32BigEndian(record, t.Tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], t.Checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)t.Length);
            ttc.AsSpan(t.Offset, t.Length).CopyTo(font.AsSpan(at));
            at += (t.Length + 3) & ~3;
        }
        return font;
    }

    private sealed class Resolver(byte[] font) : IFontResolver
    {
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new("cjk", mustSimulateBold: isBold, mustSimulateItalic: isItalic);

        public byte[] GetFont(string faceName) => font;
    }
}
