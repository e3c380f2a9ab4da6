using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point; BenchmarkDotNet finds the benchmarks by reflection.</summary>
public partial class Program;
