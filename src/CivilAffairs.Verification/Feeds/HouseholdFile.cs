using CivilAffairs.Verification.Engine;

namespace CivilAffairs.Verification.Feeds;

/// <summary>Reads households.csv (household_id,id_number — one row per member) into verification input.</summary>
public static class HouseholdFile
{
    public static List<HouseholdInput> Read(string path)
    {
        var data = File.ReadAllBytes(path).AsSpan();
        var result = new List<HouseholdInput>();
        var first = data.IndexOf((byte)'\n');
        var rest = data[(first + 1)..];
        long current = -1;
        var members = new List<ulong>(8);
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
            if (line.IsEmpty) continue;
            var comma = line.IndexOf((byte)',');
            if (comma < 0 || !System.Buffers.Text.Utf8Parser.TryParse(line[..comma], out long id, out _))
                throw new FormatException("households.csv: 行格式应为 household_id,id_number");
            var key = PersonKey.Pack(line[(comma + 1)..]);
            if (key == 0) throw new FormatException($"households.csv: 身份证号码无效：{System.Text.Encoding.UTF8.GetString(line[(comma + 1)..])}");
            if (id != current)
            {
                if (members.Count > 0) result.Add(new HouseholdInput(current, members.ToArray()));
                members.Clear();
                current = id;
            }
            members.Add(key);
        }
        if (members.Count > 0) result.Add(new HouseholdInput(current, members.ToArray()));
        return result;
    }
}
