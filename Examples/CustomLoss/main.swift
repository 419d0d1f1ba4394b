import DMLXEngine
print("example")
