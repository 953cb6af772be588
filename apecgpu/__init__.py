"""NVIDIA–Korea APEC 2025 GPU deal dashboard: data layer, figure builders and shared UI helpers."""
