/* bcryptprimitives.dll for Wine 8.0 (Debian 12's), which lacks it: Rust's standard library
 * (1.78 and later) takes its randomness from ProcessPrng in bcryptprimitives.dll, present on
 * every Windows since 10, so a Rust program fails to start under this Wine ("Library
 * bcryptprimitives.dll ... not found", exit status 53). This stand-in for the test prefix only
 * exports ProcessPrng on top of RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 * Never shipped: Windows has the real DLL. Built by scripts/platforms/setup.sh with mingw-w64. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
