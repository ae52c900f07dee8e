// A minimal student-proposing deferred acceptance (Gale–Shapley), the baseline the DA benchmark
// measures Paiwei against (Benchmarks/Sources/PaiweiBenchmarks/DeferredAcceptanceBenchmark.swift).
// Not part of the product. Built by the benchmark with `g++ -O2`.
//
// Input (little-endian binary): u32 students, u32 schools, u32 preferences per student,
// u32 seats[schools], u32 rank[students] (0 = first in the lottery), u32 prefs[students * k].
// Output: one line "median_us MIN_us matched checksum" over REPEAT runs of the matching alone
// (the heaps and the proposal loop; ranks are given, as the single tie-break's lottery order).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 3) { std::fprintf(stderr, "usage: %s INSTANCE REPEAT\n", argv[0]); return 2; }
    FILE* f = std::fopen(argv[1], "rb");
    if (!f) { std::perror(argv[1]); return 2; }
    auto read = [&](uint32_t* out, size_t n) { if (std::fread(out, 4, n, f) != n) { std::fprintf(stderr, "short read\n"); std::exit(2); } };
    uint32_t header[3];
    read(header, 3);
    const uint32_t n = header[0], m = header[1], k = header[2];
    std::vector<uint32_t> seats(m), rank(n), prefs(size_t(n) * k);
    read(seats.data(), m);
    read(rank.data(), n);
    read(prefs.data(), prefs.size());
    std::fclose(f);
    const int repeat = std::atoi(argv[2]);

    std::vector<double> times;
    std::vector<int32_t> match(n);
    for (int r = 0; r < repeat; ++r) {
        auto start = std::chrono::steady_clock::now();
        // held[school]: a max-heap of (rank, student) of the students the school holds.
        std::vector<std::vector<std::pair<uint32_t, uint32_t>>> held(m);
        for (uint32_t s = 0; s < m; ++s) held[s].reserve(seats[s]);
        std::vector<uint32_t> next(n, 0);
        std::vector<uint32_t> free;
        free.reserve(n);
        for (uint32_t i = n; i-- > 0;) free.push_back(i);
        while (!free.empty()) {
            uint32_t i = free.back();
            free.pop_back();
            if (next[i] >= k) continue;
            uint32_t s = prefs[size_t(i) * k + next[i]++];
            auto& h = held[s];
            if (h.size() < seats[s]) {
                h.emplace_back(rank[i], i);
                std::push_heap(h.begin(), h.end());
            } else if (seats[s] > 0 && rank[i] < h.front().first) {
                std::pop_heap(h.begin(), h.end());
                free.push_back(h.back().second);
                h.back() = {rank[i], i};
                std::push_heap(h.begin(), h.end());
            } else {
                free.push_back(i);
            }
        }
        std::fill(match.begin(), match.end(), -1);
        for (uint32_t s = 0; s < m; ++s) for (auto& [_, i] : held[s]) match[i] = int32_t(s);
        times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    uint64_t matched = 0, checksum = 0;
    for (uint32_t i = 0; i < n; ++i) {
        if (match[i] >= 0) { ++matched; checksum += uint64_t(match[i] + 1) * uint64_t(i + 1); }
    }
    std::sort(times.begin(), times.end());
    std::printf("%.1f %.1f %llu %llu\n", times[times.size() / 2], times[0], (unsigned long long)matched, (unsigned long long)checksum);
    return 0;
}
